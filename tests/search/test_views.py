"""The results page: count, highlighted snippets, pagination, empty state, privacy, noindex."""

import re

import pytest

from search.service import RESULTS_PER_PAGE

pytestmark = pytest.mark.django_db


def test_results_show_title_link_count_and_highlighted_snippet(client, article):
    article("stopping", title="Stopping safely", summary="Cut down slowly with help.",
            body="A taper lowers the risk.")
    html = client.get("/search/", {"q": "taper"}).text
    assert '<a href="/articles/stopping/">Stopping safely</a>' in html
    assert "1 page found." in html
    assert "<mark>taper</mark> lowers the risk" in html


def test_snippets_escape_page_text_before_highlighting(client, article):
    article("tricky", title="Tricky", body="Tapering `<script>alert(1)</script>` & <b>taper</b>")
    html = client.get("/search/", {"q": "taper"}).text
    assert "<script>alert" not in html
    assert "&amp; <mark>taper</mark>" in html
    assert "<b>" not in html


def test_the_query_is_echoed_escaped(client):
    html = client.get("/search/", {"q": '<img src=x onerror=alert(1)>'}).text
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_results_page_is_noindex(client, article):
    article("stopping", title="Stopping safely")
    for params in ({"q": "stopping"}, {"q": "nothing-matches-this"}, {}):
        assert '<meta name="robots" content="noindex">' in client.get("/search/", params).text


def test_search_sets_no_cookie_and_every_reader_gets_the_same_bytes(client, article):
    article("stopping", title="Stopping safely")
    first = client.get("/search/", {"q": "stopping"})
    second = client.get("/search/", {"q": "stopping"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert first.status_code == 200
    assert not first.cookies and "Set-Cookie" not in first.headers
    assert first.content == second.content


def test_results_are_paginated_and_links_keep_the_query(client, article):
    for number in range(RESULTS_PER_PAGE + 2):
        article(f"page-{number}", title=f"Taper plan {number}")
    first = client.get("/search/", {"q": "taper plan"}).text
    assert f"{RESULTS_PER_PAGE + 2} pages found." in first
    assert first.count('class="search-result"') == RESULTS_PER_PAGE
    assert 'href="?q=taper%20plan&amp;page=2"' in first
    second = client.get("/search/", {"q": "taper plan", "page": "2"}).text
    assert second.count('class="search-result"') == 2


@pytest.mark.parametrize("page", ["0", "-1", "99", "abc", "1e9", "\x00"])
def test_any_page_number_gives_a_page(client, article, page):
    article("stopping", title="Stopping safely")
    response = client.get("/search/", {"q": "stopping", "page": page})
    assert response.status_code == 200
    assert "Stopping safely" in response.text


def test_empty_state_offers_glossary_topics_and_articles(client, article, topic):
    article("stopping", title="Stopping safely", topics=[topic])
    html = client.get("/search/", {"q": "zzzzqqq"}).text
    assert "Nothing matched “zzzzqqq”." in html
    assert 'href="/glossary/"' in html
    assert f'href="{topic.get_absolute_url()}"' in html
    assert 'href="/articles/stopping/"' in html


def test_blank_query_shows_the_empty_state_without_searching(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert "Type a word or question" in response.text


def test_every_page_has_a_search_box_that_works_without_javascript(client, article):
    article("stopping", title="Stopping safely")
    for path in ("/", "/articles/", "/articles/stopping/", "/glossary/"):
        html = client.get(path).text
        form = re.search(r'<form class="search-form" role="search" method="get" '
                         r'action="/search/">.*?</form>', html, re.S)
        assert form, path
        assert 'name="q"' in form.group(0) and 'type="submit"' in form.group(0)


def test_the_header_box_keeps_the_query_on_the_results_page(client):
    html = client.get("/search/", {"q": "klonopin"}).text
    assert 'id="site-search" type="search" name="q" value="klonopin"' in html


def test_drafts_never_appear(client, article):
    article("secret", title="Secret draft", live=False)
    assert "Secret draft" not in client.get("/search/", {"q": "secret"}).text
