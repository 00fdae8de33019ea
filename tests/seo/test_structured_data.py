"""Article JSON-LD: a MedicalWebPage that says only what the page shows, safely escaped."""

import datetime as dt
import json
import re

import pytest

from articles.models import Article, Topic

pytestmark = pytest.mark.django_db
SITE = "https://benzo.example.org"


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def page_data(client, url):
    (data,) = [d for d in json_ld(client.get(url).text) if d.get("@type") == "MedicalWebPage"]
    return data


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.PUBLISHER_NAME = "Example Health Publishing"


@pytest.fixture
def clonazepam():
    return Topic.objects.create(title="Clonazepam", slug="clonazepam", summary="About it.",
                                about_type="Drug", about_name="Clonazepam", position=1)


@pytest.fixture
def article(make_article, clonazepam, topic):
    return make_article(
        "tolerance", title="What is tolerance?", summary="The same dose does less.",
        topics=[clonazepam, topic],
        references=[{"title": "Benzodiazepine information", "publisher": "FDA", "year": 2020,
                     "url": "https://www.fda.gov/drugs/"}],
    )


def test_article_is_a_medical_web_page_with_its_visible_facts(client, article):
    data = page_data(client, "/articles/tolerance/")
    assert data["@context"] == "https://schema.org"
    assert data["url"] == data["@id"] == f"{SITE}/articles/tolerance/"
    assert data["name"] == "What is tolerance?"
    assert data["description"] == "The same dose does less."
    assert data["inLanguage"] == "en"
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    article.refresh_from_db()
    assert dt.datetime.fromisoformat(data["datePublished"]) == article.first_published_at
    assert dt.datetime.fromisoformat(data["dateModified"]) >= article.first_published_at


def test_about_names_the_drug_or_condition_its_topics_are_about(client, article):
    assert page_data(client, "/articles/tolerance/")["about"] == [
        {"@type": "Drug", "name": "Clonazepam"}]


def test_citations_are_the_articles_references(client, article):
    assert page_data(client, "/articles/tolerance/")["citation"] == [{
        "@type": "CreativeWork", "name": "Benzodiazepine information",
        "url": "https://www.fda.gov/drugs/",
        "publisher": {"@type": "Organization", "name": "FDA"}, "datePublished": "2020",
    }]


def test_publisher_is_the_organization_from_settings(client, article):
    publisher = page_data(client, "/articles/tolerance/")["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Example Health Publishing"
    assert publisher["url"] == f"{SITE}/"


def test_publisher_points_to_the_editorial_policy_when_the_site_has_one(client, article):
    from django.urls import Resolver404, resolve

    publisher = page_data(client, "/articles/tolerance/")["publisher"]
    try:
        resolve("/editorial-policy/")
    except Resolver404:
        assert "publishingPrinciples" not in publisher
    else:
        assert publisher["publishingPrinciples"] == f"{SITE}/editorial-policy/"


def test_breadcrumbs_run_from_home_through_the_first_topic_to_the_article(client, article):
    crumbs = page_data(client, "/articles/tolerance/")["breadcrumb"]
    assert crumbs["@type"] == "BreadcrumbList"
    assert [(c["position"], c["name"], c["item"]) for c in crumbs["itemListElement"]] == [
        (1, "Home", f"{SITE}/"),
        (2, "Clonazepam", f"{SITE}/topics/clonazepam/"),
        (3, "What is tolerance?", f"{SITE}/articles/tolerance/"),
    ]


def test_breadcrumb_names_are_visible_on_the_page(client, article):
    html = client.get("/articles/tolerance/").text
    body = html.split("<body", 1)[1]
    for crumb in page_data(client, "/articles/tolerance/")["breadcrumb"]["itemListElement"]:
        assert crumb["name"] in body


def test_no_review_is_claimed_for_a_page_not_clinically_reviewed(client, article):
    data = page_data(client, "/articles/tolerance/")
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_a_clinical_review_gives_last_reviewed_and_the_reviewer(client, article):
    reviewed_at = dt.datetime(2025, 2, 3, 10, 0, tzinfo=dt.UTC)
    Article.objects.filter(pk=article.pk).update(
        reviewed_at=reviewed_at, reviewer_name="Dr Ada Example",
        reviewer_credentials="MD, psychiatry",
    )
    data = page_data(client, "/articles/tolerance/")
    assert data["lastReviewed"] == "2025-02-03"
    assert data["reviewedBy"] == {
        "@type": "Person", "name": "Dr Ada Example",
        "hasCredential": {"@type": "EducationalOccupationalCredential",
                          "name": "MD, psychiatry"},
    }


def test_a_title_with_a_closing_script_tag_cannot_break_out(client, make_article):
    make_article("breakout", title='</script><script>alert("x")</script>',
                 summary="<!-- & </SCRIPT>")
    html = client.get("/articles/breakout/").text
    assert "<script>alert" not in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks and not any("<" in block or ">" in block for block in blocks)
    data = page_data(client, "/articles/breakout/")
    assert data["name"] == '</script><script>alert("x")</script>'
    assert data["description"] == "<!-- & </SCRIPT>"


def test_the_publication_dates_marked_up_are_shown_on_the_page(client, article):
    article.refresh_from_db()
    html = client.get("/articles/tolerance/").text
    body = html.split("<body", 1)[1]
    data = page_data(client, "/articles/tolerance/")
    for key in ("datePublished", "dateModified"):
        shown = dt.datetime.fromisoformat(data[key]).date().isoformat()
        assert f'<time datetime="{shown}">' in body, key
