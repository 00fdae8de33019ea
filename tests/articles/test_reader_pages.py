"""What readers see around an article: notices, contents, sources, related pages, breadcrumbs,
the urgent-help card, the 404 page, and the size budget."""

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, Topic

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
BODY_WITH_THREE_SECTIONS = "## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n"
# 64 KB uncompressed (about 15 KB gzipped, as sent). It was 60 KB until each article
# gained a printed "Words used on this page" list, which repeats the definitions the popovers
# hold, and numbered citations (issues 18 and 20).
PAGE_BUDGET = 64 * 1024
SCRIPT_BUDGET = 10 * 1024


@pytest.fixture
def other_topic(db):
    return Topic.objects.create(title="Withdrawal", slug="withdrawal", summary="About withdrawal.",
                                position=1)


def _section(html, css_class):
    match = re.search(rf'<(\w+) class="{css_class}"[^>]*>(.*?)</\1>', html, re.S)
    return match.group(2) if match else ""


def _related_titles(html):
    return re.findall(r'<li class="card"><a href="[^"]+">([^<]+)</a>',
                      _section(html, "related"))


# --- The article page ---------------------------------------------------------------------

def test_contents_list_appears_for_three_or_more_sections(client, make_article):
    make_article("long", body=BODY_WITH_THREE_SECTIONS)
    html = client.get("/articles/long/").text
    contents = _section(html, "contents")
    assert '<a href="#sec-one">One</a>' in contents and '<a href="#sec-three">Three</a>' in contents


def test_contents_list_is_left_out_for_short_articles(client, make_article):
    make_article("short", body="## One\n\nA.\n\n## Two\n\nB.\n")
    assert 'class="contents"' not in client.get("/articles/short/").text


def test_dont_stop_suddenly_notice_only_where_front_matter_asks(client, make_article):
    make_article("with", notices=["dont-stop-suddenly"])
    make_article("without")
    assert "stop taking a benzodiazepine suddenly" in client.get("/articles/with/").text
    assert "stop taking a benzodiazepine suddenly" not in client.get("/articles/without/").text


def test_urgent_help_card_only_where_front_matter_asks(client, make_article):
    make_article("with", notices=["urgent-help"])
    make_article("without")
    assert 'class="notice notice-urgent"' in client.get("/articles/with/").text
    assert 'class="notice notice-urgent"' not in client.get("/articles/without/").text


def test_urgent_help_card_without_configured_numbers_lists_the_common_ones(client,
                                                                          make_article):
    """With no number configured: US 911 and 988, UK 999 and 111, EU 112, each tap-to-call."""
    make_article("a", notices=["urgent-help"])
    card = _section(client.get("/articles/a/").text, "notice notice-urgent")
    for country in ("United States", "United Kingdom", "European Union"):
        assert country in card
    for number in ("911", "988", "999", "111", "112"):
        assert f'<a href="tel:{number}">{number}</a>' in card
    assert "local emergency number" not in card


def test_urgent_help_card_names_every_warning_sign_and_links_the_full_article(client,
                                                                             make_article):
    make_article("a", notices=["urgent-help"])
    card = _section(client.get("/articles/a/").text, "notice notice-urgent")
    for sign in ("seizure", "slow or stopped breathing", "cannot be woken", "confused",
                 "hallucinations", "opioids or alcohol", "very hard to wake", "suicide"):
        assert sign in card, sign
    assert 'href="/articles/getting-urgent-help/"' in card


@override_settings(
    URGENT_HELP_COMMON_NUMBERS="Australia: 000 emergency; New Zealand: 111 emergency")
def test_the_common_numbers_come_from_settings(client):
    html = client.get("/urgent-help/").text
    assert '<a href="tel:000">000</a>' in html and "New Zealand" in html
    assert "tel:911" not in html


@override_settings(URGENT_HELP_EMERGENCY_NUMBER="911", URGENT_HELP_CRISIS_LINE="988",
                   URGENT_HELP_CRISIS_LINE_NAME="the 988 Suicide & Crisis Lifeline",
                   URGENT_HELP_EXTRA="Poison help: 1-800-222-1222.")
def test_urgent_help_card_shows_the_numbers_from_settings_as_phone_links(client, make_article):
    make_article("a", notices=["urgent-help"])
    card = _section(client.get("/articles/a/").text, "notice notice-urgent")
    assert '<a href="tel:911">911</a>' in card
    assert "the 988 Suicide &amp; Crisis Lifeline" in card and '<a href="tel:988">988</a>' in card
    assert "Poison help: 1-800-222-1222." in card


@override_settings(URGENT_HELP_EMERGENCY_NUMBER="+44 (0) 999", URGENT_HELP_CRISIS_LINE="<b>1</b>")
def test_urgent_help_numbers_are_escaped_and_dialable(client):
    html = client.get("/urgent-help/").text
    assert 'href="tel:+440999"' in html
    assert "<b>1</b>" not in html and "&lt;b&gt;1&lt;/b&gt;" in html


def test_references_are_numbered_with_publisher_and_year(client, make_article):
    make_article("a", references=[
        {"title": "First", "publisher": "FDA", "year": 2020, "url": "https://www.fda.gov/"},
        {"title": "Second", "publisher": "NICE", "year": 2022, "url": "https://www.nice.org.uk/"},
    ])
    sources = _section(client.get("/articles/a/").text, "references")
    assert "<ol>" in sources
    assert re.search(r"First</a></cite>\. FDA, 2020\.", sources)
    assert re.search(r"Second</a></cite>\. NICE, 2022\.", sources)


def test_article_shows_its_topics_and_last_updated_date(client, make_article, topic):
    article = make_article("a", topics=[topic])
    footer = _section(client.get("/articles/a/").text, "article-footer")
    assert f'<a href="/topics/{topic.slug}/">{topic.title}</a>' in footer
    assert f'datetime="{article.last_published_at:%Y-%m-%d}"' in footer


# --- Related articles ---------------------------------------------------------------------

def test_related_articles_share_a_topic_most_shared_first(client, make_article, topic,
                                                          other_topic):
    make_article("main", topics=[topic, other_topic])
    make_article("one-shared", title="One shared", topics=[topic])
    make_article("both-shared", title="Both shared", topics=[topic, other_topic])
    make_article("unrelated", title="Unrelated")
    assert _related_titles(client.get("/articles/main/").text) == ["Both shared", "One shared"]


def test_related_articles_leave_out_drafts_and_stop_at_four(client, make_article, topic):
    make_article("main", topics=[topic])
    for number in range(6):
        make_article(f"other-{number}", title=f"Other {number}", topics=[topic])
    make_article("draft", title="Draft", topics=[topic], live=False)
    titles = _related_titles(client.get("/articles/main/").text)
    assert len(titles) == 4 and "Draft" not in titles


@override_settings(PAGE_CACHE_SECONDS=0)  # the view's own caching is under test, not the page's
def test_related_articles_follow_publishing_and_archiving_without_waiting(client, make_article,
                                                                          topic):
    make_article("main", topics=[topic])
    client.get("/articles/main/")  # fills the cache
    newcomer = make_article("newcomer", title="Newcomer", topics=[topic])
    assert _related_titles(client.get("/articles/main/").text) == ["Newcomer"]
    newcomer.archived_at = timezone.now()
    newcomer.save()
    assert _related_titles(client.get("/articles/main/").text) == []


@override_settings(PAGE_CACHE_SECONDS=0)
def test_renamed_topic_shows_at_once_on_cached_article_pages(client, make_article, topic):
    make_article("main", topics=[topic])
    client.get("/articles/main/")
    topic.title = "Renamed topic"
    topic.save()
    assert "Renamed topic" in client.get("/articles/main/").text


@override_settings(PAGE_CACHE_SECONDS=0)
def test_article_page_queries_four_cold_and_two_warm(client, make_article, topic,
                                                     django_assert_max_num_queries):
    make_article("main", topics=[topic])
    make_article("other", topics=[topic])
    cache.clear()
    with django_assert_max_num_queries(4):
        assert client.get("/articles/main/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/articles/main/").status_code == 200


# --- Breadcrumbs, home, topics ------------------------------------------------------------

def test_article_breadcrumbs_lead_home_then_to_its_first_topic(client, make_article, topic,
                                                              other_topic):
    make_article("a", topics=[topic, other_topic])
    crumbs = _section(client.get("/articles/a/").text, "breadcrumbs wrap")
    assert re.findall(r'<a href="([^"]+)">', crumbs) == ["/", "/topics/withdrawal/"]


def test_article_without_topic_is_filed_under_all_articles(client, make_article):
    make_article("a")
    crumbs = _section(client.get("/articles/a/").text, "breadcrumbs wrap")
    assert re.findall(r'<a href="([^"]+)">', crumbs) == ["/", "/articles/"]


def test_topic_hub_links_home_and_to_the_other_topics(client, make_article, topic, other_topic):
    make_article("a", topics=[topic])
    make_article("b", topics=[other_topic])
    html = client.get(f"/topics/{topic.slug}/").text
    assert '<nav class="breadcrumbs wrap"' in html
    assert f'<a href="/topics/{other_topic.slug}/">{other_topic.title}</a>' in (
        _section(html, "other-topics"))


def test_home_offers_urgent_help_topics_and_latest_articles(client, make_article, topic):
    make_article("a", title="Latest one", topics=[topic])
    html = client.get("/").text
    assert 'class="help-now"' in html and 'href="/urgent-help/"' in html
    assert topic.title in html and "Latest one" in html


# --- Every page ---------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/a/", "/topics/dependence/",
                                 "/glossary/", "/urgent-help/", "/no-such-page/"])
def test_urgent_help_link_is_first_in_the_header_on_every_page(client, make_article, topic, url):
    make_article("a", topics=[topic])
    html = client.get(url).text
    header = html[html.index('<header class="site-header">'):html.index("</header>")]
    links = re.findall(r'<a class="([^"]+)" href="([^"]+)"', header)
    assert links[:2] == [("site-name", "/"), ("urgent-link", "/urgent-help/")]


def test_urgent_help_page_answers_without_touching_the_database(client,
                                                                django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/urgent-help/")
    assert response.status_code == 200
    assert "Call an emergency number now" in response.text


def test_404_page_offers_a_plain_search_form(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    form = re.search(r'<form class="search-form not-found-search"[^>]*>', response.text).group()
    assert 'method="get"' in form and 'action="/search/"' in form
    assert '<input type="search" id="not-found-q" name="q"' in response.text


def test_two_anonymous_readers_get_identical_bytes_and_no_cookies(make_article, topic):
    from django.test import Client

    make_article("a", topics=[topic], notices=["urgent-help", "dont-stop-suddenly"])
    first, second = Client().get("/articles/a/"), Client().get("/articles/a/")
    assert first.content == second.content
    assert not first.cookies and not second.cookies


# --- Budgets ------------------------------------------------------------------------------

class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.styles, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.styles.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def _page_weight(client, url):
    html = client.get(url).content
    assets = _Assets()
    assets.feed(html.decode())
    styles = sum(len(b"".join(client.get(href).streaming_content)) for href in assets.styles)
    scripts = sum(len(b"".join(client.get(src).streaming_content)) for src in assets.scripts)
    return len(html), styles, scripts


@pytest.fixture
def bundled_content(db):
    call_command("import_content", str(ROOT / "content"), "--publish", stdout=StringIO())
    return list(Article.objects.live().values_list("slug", flat=True))


def test_every_bundled_article_page_fits_the_60_kb_budget(client, bundled_content):
    """HTML + CSS + JavaScript, uncompressed, images aside."""
    assert len(bundled_content) >= 10
    weights = {slug: _page_weight(client, f"/articles/{slug}/") for slug in bundled_content}
    heaviest = max(weights, key=lambda slug: sum(weights[slug]))
    assert sum(weights[heaviest]) <= PAGE_BUDGET, (heaviest, weights[heaviest])


def test_javascript_is_small_and_optional(client, make_article):
    make_article("a")
    _html, _styles, scripts = _page_weight(client, "/articles/a/")
    assert scripts <= SCRIPT_BUDGET
    html = client.get("/articles/a/").text
    external = re.findall(r"<script[^>]*\bsrc=[^>]*>", html)
    assert external and all(" defer" in tag for tag in external), "scripts never block reading"
