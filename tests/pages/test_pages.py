"""About, Editorial policy and Privacy: content files, rendered through the one pipeline."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.content_files import read_front_matter
from core.readability import reading_grade
from pages.models import Page
from pages.placeholders import fill_plain
from pages.structured_data import publisher_organization

pytestmark = pytest.mark.django_db
CONTENT = Path(__file__).resolve().parents[2] / "content"
BUNDLED = sorted((CONTENT / "pages").glob("*.md"))
URLS = {"about": "/about/", "editorial-policy": "/editorial-policy/", "privacy": "/privacy/"}


def import_bundled_pages():
    call_command("import_content", str(CONTENT / "pages"), "--publish", stdout=StringIO())


def test_bundled_pages_are_the_three_the_footer_links_to():
    assert sorted(p.stem for p in BUNDLED) == sorted(URLS)


def test_bundled_pages_import_live_and_render_at_their_urls(client):
    import_bundled_pages()
    for slug, url in URLS.items():
        page = Page.objects.live().get(slug=slug)
        response = client.get(url)
        assert response.status_code == 200, url
        assert f"<h1>{page.title}</h1>" in response.text
        assert "Not yet clinically reviewed" in response.text


@override_settings(PUBLISHER_NAME="Example Health Trust", PUBLISHER_EMAIL="team@example.net",
                   FUNDING_STATEMENT="Paid for by a grant from nobody in particular.",
                   CONFLICTS_OF_INTEREST_STATEMENT="Nobody declared any interests.",
                   FEEDBACK_RETENTION_DAYS=90, PROBLEM_REPORT_RETENTION_DAYS=180,
                   SERVER_LOG_RETENTION_DAYS=7)
def test_pages_show_publisher_statements_and_retention_from_settings(client):
    import_bundled_pages()
    about = client.get("/about/").text
    policy = client.get("/editorial-policy/").text
    privacy = client.get("/privacy/").text
    assert "Example Health Trust" in about
    assert '<a href="mailto:team@example.net">team@example.net</a>' in about
    assert "Paid for by a grant from nobody in particular." in policy
    assert "Nobody declared any interests." in policy
    assert re.search(r"after\s+7 days", privacy)
    assert "90 days" in privacy and "180 days" in privacy
    for html in (about, policy, privacy):
        assert "{{" not in html


def test_editorial_policy_states_the_review_cycle(client):
    import_bundled_pages()
    html = client.get("/editorial-policy/").text
    assert re.search(r"every\s+12 months", html)
    assert re.search(r"more than\s+3 years", html)


def test_privacy_page_says_readers_get_no_cookies(client):
    import_bundled_pages()
    assert "sets no cookies" in client.get("/privacy/").text


@override_settings(PUBLISHER_NAME='<script>alert(1)</script>', PUBLISHER_EMAIL='x"@evil')
def test_settings_shown_in_pages_are_escaped(client, make_page):
    make_page("about", body="By {{ publisher_name }}, at {{ publisher_email }}.")
    html = client.get("/about/").text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="mailto:x&quot;@evil"' in html


def test_markup_in_page_markdown_is_sanitized(client, make_page):
    make_page("about", body="Hi <script>alert(1)</script><img src=x onerror=alert(1)>")
    html = client.get("/about/").text
    assert "<script>alert" not in html and "onerror" not in html


def test_draft_pages_are_not_shown(client, make_page):
    make_page("privacy", live=False)
    assert client.get("/privacy/").status_code == 404


def test_editing_a_live_page_keeps_readers_on_the_live_revision(client, make_page):
    page = make_page("about", title="Live title")
    page.save_revision(content={**page.serialize_content(), "title": "Draft title"})
    html = client.get("/about/").text
    assert "Live title" in html and "Draft title" not in html


def test_other_pages_live_under_pages_and_top_level_ones_redirect_there(client, make_page):
    make_page("accessibility")
    make_page("about")
    assert client.get("/pages/accessibility/").status_code == 200
    response = client.get("/pages/about/")
    assert response.status_code == 301 and response["Location"] == "/about/"


def test_import_refuses_an_unknown_placeholder(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "about.md").write_text(
        "---\ntitle: About\nslug: about\nsummary: Who we are.\n---\nHi {{ secret_key }}.\n"
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_content", str(folder), stdout=StringIO(), stderr=err)
    assert "secret_key" in err.getvalue()
    assert not Page.objects.exists()


def test_export_writes_pages_that_import_back_the_same(tmp_path):
    import_bundled_pages()
    call_command("export_content", str(tmp_path), stdout=StringIO())
    for path in BUNDLED:
        exported = tmp_path / "pages" / path.name
        assert read_front_matter(exported) == read_front_matter(path)


def test_every_page_links_the_three_pages_in_its_footer(client, make_article, make_page):
    make_article("tolerance")
    make_page("about")
    for url in ["/", "/articles/tolerance/", "/glossary/", "/about/"]:
        html = client.get(url).text
        for page_url in URLS.values():
            assert f'href="{page_url}"' in html, (url, page_url)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_page_reads_at_us_grade_8_or_below(path):
    data, body = read_front_matter(path)
    assert reading_grade(fill_plain(body)) <= 8.0
    assert reading_grade(data["summary"]) <= 8.0


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_pages_name_no_reviewer_organisation_or_date(path):
    """Who publishes, funds and reviews comes from settings and the workflow, never prose."""
    _data, body = read_front_matter(path)
    assert not re.search(r"\b(19|20)\d\d\b", body)
    assert not re.search(r"\b(Dr|MD|PharmD|RN|PhD)\b\.?", body)


def test_publisher_organization_points_to_the_editorial_policy():
    with override_settings(SITE_URL="https://benzo.example.org", PUBLISHER_NAME="Example Trust",
                           PUBLISHER_EMAIL="team@example.org"):
        organization = publisher_organization()
    assert organization == {
        "@type": "Organization",
        "@id": "https://benzo.example.org/#publisher",
        "name": "Example Trust",
        "url": "https://benzo.example.org/",
        "publishingPrinciples": "https://benzo.example.org/editorial-policy/",
        "email": "team@example.org",
    }


def test_publisher_organization_leaves_out_an_unset_email():
    with override_settings(PUBLISHER_EMAIL=""):
        assert "email" not in publisher_organization()


def test_every_article_names_the_publisher_and_its_editorial_policy_in_json_ld(
        client, make_article, settings):
    settings.SITE_URL = "https://benzo.example.org"
    make_article("tolerance")
    html = client.get("/articles/tolerance/").text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    publishers = [data["publisher"] for data in map(json.loads, blocks) if "publisher" in data]
    assert publishers, "the article's JSON-LD names its publisher"
    assert publishers[0]["@type"] == "Organization"
    assert (publishers[0]["publishingPrinciples"]
            == "https://benzo.example.org/editorial-policy/")
