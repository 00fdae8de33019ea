"""import_content and export_content, as contract.md specifies them."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Topic
from editorial.models import ActionLog

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

TOPIC = """---
title: Dependence
slug: dependence
summary: How the body gets used to a medicine.
about:
  type: MedicalCondition
  name: Physical dependence
---
An introduction.
"""

ARTICLE = """---
title: Tolerance
slug: tolerance
summary: The same dose can work less well over time.
topics: [dependence]
key_points:
  - The same dose can work less well.
  - Talk to your prescriber.
references:
  - title: FDA Boxed Warning for benzodiazepines
    publisher: U.S. Food and Drug Administration
    year: 2020
    url: https://www.fda.gov/drugs/drug-safety-and-availability/fda-requiring-boxed-warning-updated-improve-safe-use-benzodiazepine-drug-class
  - title: Clonazepam
    publisher: NHS
    year: 2023
    url: https://www.nhs.uk/medicines/clonazepam/
notices: [dont-stop-suddenly]
---
## What it means

Plain words.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run_import(*paths, publish=False, only_new=False):
    out, err = StringIO(), StringIO()
    error = None
    try:
        call_command("import_content", *map(str, paths), publish=publish, only_new=only_new,
                     stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    return out.getvalue(), err.getvalue(), error


@pytest.fixture
def content_dir(tmp_path):
    write(tmp_path / "topics", "dependence.md", TOPIC)
    write(tmp_path / "articles", "tolerance.md", ARTICLE)
    return tmp_path


def test_import_without_publish_creates_drafts(content_dir):
    _, _, error = run_import(content_dir)
    assert error is None
    article = Article.objects.get(slug="tolerance")
    assert not article.live
    assert article.latest_revision is not None
    assert list(article.topics.values_list("slug", flat=True)) == ["dependence"]
    assert Topic.objects.get(slug="dependence").about_type == "MedicalCondition"


def test_import_with_publish_goes_live_not_reviewed_and_logs_it(content_dir, client):
    run_import(content_dir, publish=True)
    article = Article.objects.get(slug="tolerance")
    assert article.live and article.live_revision == article.latest_revision
    log = ActionLog.objects.get(action=ActionLog.Action.PUBLISH, object_id=article.pk)
    assert "not yet clinically reviewed" in log.note
    assert log.actor is None and log.actor_label == "import_content"
    assert "Not yet clinically reviewed" in client.get("/articles/tolerance/").text


def test_reimport_updates_by_slug_as_a_new_revision(content_dir):
    run_import(content_dir, publish=True)
    write(content_dir / "articles", "tolerance.md", ARTICLE.replace("Plain words.", "New words."))
    run_import(content_dir, publish=True)
    article = Article.objects.get(slug="tolerance")
    assert Article.objects.count() == 1
    assert "New words." in article.body_html
    assert article.revisions().count() == 2
    assert "Plain words." in article.revisions().last().content["body"]


def test_reimport_of_unchanged_content_adds_no_revision(content_dir):
    run_import(content_dir, publish=True)
    out, _, _ = run_import(content_dir, publish=True)
    assert Article.objects.get(slug="tolerance").revisions().count() == 1
    assert "article unchanged" in out


def test_only_new_keeps_admin_edits(content_dir):
    run_import(content_dir, publish=True)
    article = Article.objects.get(slug="tolerance")
    article.save_revision(content={**article.serialize_content(), "title": "Edited in admin"})
    write(content_dir / "articles", "tolerance.md", ARTICLE.replace("Plain words.", "Changed."))
    run_import(content_dir, publish=True, only_new=True)
    article.refresh_from_db()
    assert article.latest_revision.content["title"] == "Edited in admin"
    assert "Changed." not in article.body_html


def test_reimport_of_a_live_page_without_publish_keeps_readers_on_live(content_dir):
    run_import(content_dir, publish=True)
    write(content_dir / "articles", "tolerance.md", ARTICLE.replace("Plain words.", "Draft words."))
    run_import(content_dir)
    article = Article.objects.get(slug="tolerance")
    assert "Plain words." in article.body_html
    assert article.has_unpublished_changes


BAD_FILES = {
    "broken-yaml": ("---\ntitle: [unclosed\nslug: broken-yaml\n---\nBody\n", "front matter"),
    "no-front-matter": ("Just a body with no front matter.\n", "front matter"),
    "not-a-mapping": ("---\n- a list\n---\nBody\n", "front matter"),
    "missing-title": (ARTICLE.replace("title: Tolerance\n", "").replace("slug: tolerance",
                                                                        "slug: missing-title"),
                      "title"),
    "long-summary": (ARTICLE.replace("slug: tolerance", "slug: long-summary").replace(
        "summary: The same dose can work less well over time.", "summary: " + "word " * 40),
        "summary"),
    "bad-url": (ARTICLE.replace("slug: tolerance", "slug: bad-url").replace(
        "https://www.nhs.uk/medicines/clonazepam/", "javascript:alert(1)"), "references"),
    "http-url": (ARTICLE.replace("slug: tolerance", "slug: http-url").replace(
        "https://www.nhs.uk", "http://www.nhs.uk"), "references"),
    "bad-year": (ARTICLE.replace("slug: tolerance", "slug: bad-year").replace(
        "year: 2023", "year: soon"), "references"),
    "unknown-topic": (ARTICLE.replace("slug: tolerance", "slug: unknown-topic").replace(
        "topics: [dependence]", "topics: [nope]"), "topics"),
    "bad-notice": (ARTICLE.replace("slug: tolerance", "slug: bad-notice").replace(
        "notices: [dont-stop-suddenly]", "notices: [panic-now]"), "notices"),
    "unknown-field": (ARTICLE.replace("slug: tolerance", "slug: unknown-field").replace(
        "notices:", "colour: red\nnotices:"), "colour"),
    "Bad_Slug": (ARTICLE.replace("slug: tolerance", "slug: Bad_Slug"), "slug"),
    "name-mismatch": (ARTICLE.replace("slug: tolerance", "slug: other-name"), "slug"),
    "empty-body": (ARTICLE.split("## What")[0].replace("slug: tolerance", "slug: empty-body"),
                   "body"),
    "key-points-not-list": (ARTICLE.replace("slug: tolerance", "slug: key-points-not-list")
                            .replace("key_points:\n  - The same dose can work less well.\n"
                                     "  - Talk to your prescriber.\n", "key_points: lots\n"),
                            "key_points"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_imports_nothing_and_is_reported_with_path_and_field(content_dir, name):
    text, field = BAD_FILES[name]
    bad = write(content_dir / "articles", f"{name}.md", text)
    _, err, error = run_import(content_dir, publish=True)
    assert error is not None, "the command must exit non-zero"
    assert f"{bad}: {field}" in err, err
    # The good files were still imported.
    assert Article.objects.filter(slug="tolerance", live=True).exists()
    assert Article.objects.count() == 1


def test_non_utf8_file_is_reported(content_dir):
    bad = content_dir / "articles" / "latin.md"
    bad.write_bytes(ARTICLE.replace("slug: tolerance", "slug: latin").encode("utf-8") + b"\xff")
    _, err, error = run_import(content_dir)
    assert error is not None and f"{bad}: file" in err


def test_duplicate_slugs_in_one_import_import_neither(tmp_path):
    write(tmp_path / "topics", "dependence.md", TOPIC)
    write(tmp_path / "articles", "tolerance.md", ARTICLE)
    write(tmp_path / "more" / "articles", "tolerance.md", ARTICLE)
    _, err, error = run_import(tmp_path)
    assert error is not None
    assert "duplicate slug 'tolerance'" in err
    assert not Article.objects.exists()


def test_missing_path_is_reported(tmp_path):
    _, err, error = run_import(tmp_path / "nowhere")
    assert error is not None and "does not exist" in err


def test_export_then_import_reproduces_the_same_content(content_dir, tmp_path):
    run_import(content_dir, publish=True)
    before = Article.objects.get(slug="tolerance").serialize_content()
    export_dir = tmp_path / "export"
    call_command("export_content", str(export_dir), stdout=StringIO())
    assert (export_dir / "articles" / "tolerance.md").exists()
    assert (export_dir / "topics" / "dependence.md").exists()
    Article.objects.all().delete()
    Topic.objects.all().delete()
    _, _, error = run_import(export_dir, publish=True)
    assert error is None
    assert Article.objects.get(slug="tolerance").serialize_content() == before
    topic = Topic.objects.get(slug="dependence")
    assert (topic.about_type, topic.about_name) == ("MedicalCondition", "Physical dependence")


def test_export_leaves_out_drafts(content_dir, tmp_path):
    run_import(content_dir)
    call_command("export_content", str(tmp_path / "export"), stdout=StringIO())
    assert not (tmp_path / "export" / "articles" / "tolerance.md").exists()


def test_bundled_content_imports_cleanly():
    _, err, error = run_import(*(p for p in (ROOT / "content").iterdir() if p.is_dir()),
                               publish=True)
    assert error is None, err
    assert Article.objects.live().count() >= 3
