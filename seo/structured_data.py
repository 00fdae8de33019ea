"""schema.org JSON-LD for articles: MedicalWebPage, its BreadcrumbList and the publisher.

Only what the page itself shows is marked up, and a clinical review only when one exists.
The ``json_ld`` template tag (core.templatetags.structured_data) does the escaping.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from pages.structured_data import publisher_organization
from seo.dates import last_significant_change


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def publisher() -> dict:
    """The publisher Organization, with publishingPrinciples → /editorial-policy/ (pages app)."""
    return publisher_organization()


def article_breadcrumbs(article, topics, shown=None) -> list[tuple[str, str]]:
    """(name, path) pairs from the home page to the article.

    ``shown`` is the trail the page displays ({"title", "url"} dicts, as the article view
    passes them to the template), so the markup says what the reader sees.
    """
    if shown:
        trail = [(crumb["title"], crumb["url"]) for crumb in shown]
    else:
        first_topic = next(iter(topics), None)
        trail = [(_("Home"), reverse("articles:home")),
                 (first_topic.title, first_topic.get_absolute_url()) if first_topic
                 else (_("All articles"), reverse("articles:list"))]
    return [*trail, (article.title, article.get_absolute_url())]


def breadcrumb_list(crumbs: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name),
             "item": absolute(path)}
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def _about(topic) -> dict | None:
    if not (topic.about_type and topic.about_name):
        return None
    return {"@type": topic.about_type, "name": topic.about_name}


def _citation(reference: dict) -> dict:
    work = {"@type": "CreativeWork", "name": reference.get("title", "")}
    if reference.get("url"):
        work["url"] = reference["url"]
    if reference.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": reference["publisher"]}
    if reference.get("year"):
        work["datePublished"] = str(reference["year"])
    return work


def _review(page) -> dict:
    """lastReviewed and reviewedBy, only for a page a clinician has really reviewed."""
    if not getattr(page, "clinically_reviewed", False):
        return {}
    review = {}
    if reviewed_on := getattr(page, "last_reviewed_at", None):
        if isinstance(reviewed_on, datetime):
            reviewed_on = reviewed_on.date()
        review["lastReviewed"] = reviewed_on.isoformat()
    if name := getattr(page, "reviewer_name", ""):
        reviewer = {"@type": "Person", "name": name}
        if credentials := getattr(page, "reviewer_credentials", ""):
            reviewer["hasCredential"] = {"@type": "EducationalOccupationalCredential",
                                         "name": credentials}
        review["reviewedBy"] = reviewer
    return review


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def medical_web_page(article, topics=None, breadcrumbs=None) -> dict:
    """The article as a MedicalWebPage; ``topics`` and ``breadcrumbs`` as the page shows them."""
    topics = list(article.topics.all()) if topics is None else list(topics)
    url = article.canonical_url
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "inLanguage": article.language,
        "datePublished": _iso(article.first_published_at),
        "dateModified": _iso(last_significant_change(article)),
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": [about for topic in topics if (about := _about(topic))],
        "citation": [_citation(reference) for reference in article.references],
        **_review(article),
        "publisher": publisher(),
        "breadcrumb": breadcrumb_list(article_breadcrumbs(article, topics, breadcrumbs)),
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
