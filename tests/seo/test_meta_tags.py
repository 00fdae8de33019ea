"""Every public page: unique <title>, meta description, absolute canonical, OG and Twitter tags."""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.title, self.meta, self.links, self.lang, self._in_title = "", {}, {}, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content")
        elif tag == "link" and "rel" in attrs:
            self.links[attrs["rel"]] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Head()
    parser.feed(response.text)
    return parser


@pytest.fixture
def site(settings, make_article, make_term, topic):
    settings.SITE_URL = "https://benzo.example.org"
    make_article("tolerance", title="What is tolerance?", summary="The same dose does less.",
                 topics=[topic])
    make_term("withdrawal", short="What happens when a medicine is stopped.")
    return ["/", "/articles/", "/articles/tolerance/", "/topics/dependence/", "/glossary/",
            "/glossary/withdrawal/"]


def test_every_public_page_has_a_unique_title(client, site):
    titles = [head_of(client, url).title.strip() for url in site]
    assert all(titles) and len(set(titles)) == len(titles)


def test_every_public_page_has_lang_description_canonical_open_graph_and_twitter(client, site):
    for url in site:
        head = head_of(client, url)
        assert head.lang == "en", url
        assert head.meta["description"], url
        assert head.links["canonical"] == "https://benzo.example.org" + url
        assert head.meta["og:url"] == head.links["canonical"]
        assert head.meta["og:title"] == head.meta["twitter:title"] == head.title.strip()
        assert head.meta["og:description"] == head.meta["twitter:description"] == (
            head.meta["description"])
        assert head.meta["og:site_name"] and head.meta["og:type"], url
        assert head.meta["twitter:card"] == "summary", url


def test_article_description_is_its_summary_and_its_type_is_article(client, site):
    head = head_of(client, "/articles/tolerance/")
    assert head.meta["description"] == "The same dose does less."
    assert head.meta["og:type"] == "article"


def test_canonical_keeps_the_page_number_and_drops_other_parameters(client, site):
    assert head_of(client, "/articles/?utm_source=x").links["canonical"] == (
        "https://benzo.example.org/articles/")
    # ?page=1 is the first page under another address: redirected to the canonical one.
    assert client.get("/articles/?page=1")["Location"] == "/articles/"


def test_canonical_of_a_later_page_names_that_page(client, settings, make_article):
    settings.SITE_URL = "https://benzo.example.org"
    for n in range(21):
        make_article(f"article-{n}")
    assert head_of(client, "/articles/?page=2").links["canonical"] == (
        "https://benzo.example.org/articles/?page=2")


def test_a_title_with_quotes_and_markup_is_escaped_in_meta_tags(client, settings, make_article):
    make_article("quotes", title='The "safe" <dose> & you', summary='Say "no" <b>.')
    html = client.get("/articles/quotes/").text
    assert re.search(r'<meta property="og:title" content="The &quot;safe&quot; &lt;dose&gt; '
                     r'&amp; you – ', html)
    assert '<meta name="twitter:description" content="Say &quot;no&quot; &lt;b&gt;.">' in html


@pytest.mark.parametrize("page", ["²", "-1", "1e3", "9" * 40, "x"])
def test_a_strange_page_number_never_breaks_the_page(client, site, page):
    # Not a page: 404 (one copy per real page in caches), never an error.
    assert client.get(f"/articles/?page={page}").status_code == 404
