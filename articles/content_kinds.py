"""Articles and topics as content files: validate, save (as revisions), export."""

from __future__ import annotations

from pathlib import Path

from articles import citations
from articles.models import SUMMARY_MAX_LENGTH, Article, Topic
from core import validation
from core.content_files import (
    ContentError,
    ContentFile,
    ContentKind,
    check_known_fields,
    check_slug,
    check_with,
    require_text,
    write_item,
)
from editorial.content import save_revisioned

ARTICLE_FIELDS = {"title", "slug", "summary", "topics", "key_points", "references", "notices",
                  "glossary_exclude", "language"}
TOPIC_FIELDS = {"title", "slug", "summary", "about", "position", "language"}


def validate_article(item: ContentFile, batch: dict) -> list[ContentError]:
    errors: list[ContentError] = []
    check_known_fields(item, ARTICLE_FIELDS, errors)
    require_text(item, "title", errors, max_length=200)
    check_slug(item, errors)
    require_text(item, "summary", errors, max_length=SUMMARY_MAX_LENGTH)
    require_text(item, "language", errors, max_length=10, required=False)
    check_with(item, "topics", validation.validate_slug_list, errors, default=[])
    check_with(item, "key_points", validation.validate_key_points, errors, default=[])
    check_with(item, "references", validation.validate_references, errors, default=[])
    check_with(item, "notices", validation.validate_notices, errors, default=[])
    check_with(item, "glossary_exclude", validation.validate_slug_list, errors, default=[])
    if not item.body.strip():
        errors.append(ContentError(item.path, "body", "is empty: write the article below the ---"))
    if not errors:
        _check_citations(item, errors)
    topics = item.data.get("topics") or []
    if isinstance(topics, list) and not errors:
        known = set(Topic.objects.filter(slug__in=topics).values_list("slug", flat=True))
        for slug in topics:
            if slug not in known and slug not in batch["topic"]:
                errors.append(ContentError(item.path, "topics", f"unknown topic '{slug}'"))
    return errors


def _check_citations(item: ContentFile, errors: list[ContentError]) -> None:
    """Every ``[^key]`` must name a reference; a reference nobody cites is only a warning."""
    result = citations.check(item.body, item.data.get("references"))
    for key in result.unknown:
        errors.append(ContentError(item.path, "body",
                                   f"cites [^{key}], but no reference has key '{key}'"))
    for key in result.uncited:
        item.warnings.append(ContentError(item.path, "references",
                                          f"reference '{key}' is never cited in the body"))


def article_content(item: ContentFile) -> dict:
    data = item.data
    return {
        "title": data["title"].strip(),
        "slug": item.slug,
        "summary": data["summary"].strip(),
        "body": item.body.rstrip() + "\n",
        "key_points": [p.strip() for p in data.get("key_points") or []],
        "references": [
            {k: (v.strip() if isinstance(v, str) else v) for k, v in ref.items()}
            for ref in data.get("references") or []
        ],
        "notices": list(data.get("notices") or []),
        "glossary_exclude": list(data.get("glossary_exclude") or []),
        "language": (data.get("language") or "en").strip(),
        "topics": sorted(data.get("topics") or []),
    }


def save_article(item: ContentFile, *, publish: bool) -> str:
    return save_revisioned(Article, item, article_content(item), publish=publish)


def export_articles(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in Article.objects.live().prefetch_related("topics").order_by("slug"):
        front_matter = {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "topics": sorted(t.slug for t in article.topics.all()),
            "key_points": article.key_points,
            "references": article.references,
        }
        if article.notices:
            front_matter["notices"] = article.notices
        if article.glossary_exclude:
            front_matter["glossary_exclude"] = article.glossary_exclude
        if article.language != "en":
            front_matter["language"] = article.language
        write_item(folder / f"{article.slug}.md", front_matter, article.body)
        count += 1
    return count


def validate_topic(item: ContentFile, batch: dict) -> list[ContentError]:
    errors: list[ContentError] = []
    check_known_fields(item, TOPIC_FIELDS, errors)
    require_text(item, "title", errors, max_length=120)
    check_slug(item, errors)
    require_text(item, "summary", errors, max_length=SUMMARY_MAX_LENGTH)
    about = item.data.get("about")
    if about is not None:
        valid_types = {choice for choice in Topic.About.values if choice}
        if (not isinstance(about, dict) or not isinstance(about.get("type"), str)
                or about["type"] not in valid_types
                or not isinstance(about.get("name"), str) or not about["name"].strip()):
            errors.append(ContentError(item.path, "about",
                                       "needs type (Drug or MedicalCondition) and name"))
    position = item.data.get("position", 100)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 1000:
        errors.append(ContentError(item.path, "position", "must be a number from 0 to 1000"))
    return errors


def save_topic(item: ContentFile, *, publish: bool) -> str:
    data = item.data
    about = data.get("about") or {}
    values = {
        "title": data["title"].strip(),
        "slug": item.slug,
        "summary": data["summary"].strip(),
        "description": item.body.rstrip() + "\n" if item.body.strip() else "",
        "about_type": about.get("type", ""),
        "about_name": (about.get("name") or "").strip(),
        "position": data.get("position", 100),
        "language": (data.get("language") or "en").strip(),
    }
    topic = Topic.objects.filter(slug=item.slug).first()
    if topic and all(getattr(topic, k) == v for k, v in values.items()):
        return "unchanged"
    topic = topic or Topic(slug=item.slug)
    for name, value in values.items():
        setattr(topic, name, value)
    created = topic.pk is None
    topic.save()
    return "created" if created else "updated"


def export_topics(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for topic in Topic.objects.order_by("slug"):
        front_matter = {"title": topic.title, "slug": topic.slug, "summary": topic.summary}
        if topic.about_type:
            front_matter["about"] = {"type": topic.about_type, "name": topic.about_name}
        if topic.position != 100:
            front_matter["position"] = topic.position
        if topic.language != "en":
            front_matter["language"] = topic.language
        write_item(folder / f"{topic.slug}.md", front_matter, topic.description)
        count += 1
    return count


ARTICLE_KIND = ContentKind(
    name="article", folder="articles",
    marker_keys=frozenset({"key_points", "references", "topics"}),
    validate=validate_article, save=save_article, export=export_articles, order=30,
    exists=lambda slug: Article.objects.filter(slug=slug).exists(),
)
TOPIC_KIND = ContentKind(
    name="topic", folder="topics", marker_keys=frozenset({"about", "position"}),
    validate=validate_topic, save=save_topic, export=export_topics, order=10,
    exists=lambda slug: Topic.objects.filter(slug=slug).exists(),
)
