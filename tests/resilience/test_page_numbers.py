"""Finding 6: the page cache and a CDN keep one copy per real page, not per ?page= spelling."""

import pytest
from django.core.cache import cache

from articles.views import ARTICLES_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_pages(make_article):
    for n in range(ARTICLES_PER_PAGE + 1):
        make_article(f"article-{n:03d}")


def cached_pages():
    return [key for key in cache._cache if "page-cache:" in key and "generation" not in key]


def test_fifty_made_up_page_values_store_nothing(client, settings, two_pages):
    settings.PAGE_CACHE_SECONDS = 60
    assert client.get("/articles/").status_code == 200
    statuses = {client.get(f"/articles/?page=x{n}").status_code for n in range(1, 51)}
    assert statuses == {404}
    assert len(cached_pages()) == 1


@pytest.mark.parametrize("query, location", [
    ("?page=1", "/articles/"), ("?page=01", "/articles/"), ("?page=2&page=2", "/articles/?page=2"),
    ("?page=1&page=1", "/articles/"), ("?page=%202", "/articles/?page=2"),
])
def test_other_spellings_of_a_page_number_redirect_to_the_canonical_address(
        client, two_pages, query, location):
    response = client.get("/articles/" + query)
    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.parametrize("query", ["?page=3", "?page=999999", "?page=0", "?page=-1",
                                   "?page=1&page=2", "?page="])
def test_pages_that_do_not_exist_are_404(client, two_pages, query):
    assert client.get("/articles/" + query).status_code == 404


def test_real_pages_are_served_and_cached_once_each(client, settings, two_pages):
    settings.PAGE_CACHE_SECONDS = 60
    assert client.get("/articles/?page=2").status_code == 200
    assert client.get("/articles/?page=2").status_code == 200
    assert len(cached_pages()) == 1


def test_a_page_number_on_a_page_that_has_no_pages_is_not_cached(client, settings,
                                                                  make_article):
    settings.PAGE_CACHE_SECONDS = 60
    make_article("tolerance")
    for n in range(2, 12):
        assert client.get(f"/articles/tolerance/?page={n}").status_code == 200
    assert cached_pages() == []
