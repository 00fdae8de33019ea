"""Readers' own wordings: a medicine name mixed with a topic, everyday phrasings, brand names.

Each query a reader reported must list the page that answers it among the first three results.
"""

import pytest

from search.service import search

pytestmark = pytest.mark.django_db

ADDICTION = "/articles/addiction-vs-dependence/"
STOPPING = "/articles/reducing-with-your-prescriber/"


def urls(query, count=3):
    return [r.document.url for r in search(query).page][:count]


@pytest.mark.parametrize(("query", "expected"), [
    ("xanax addiction", ADDICTION),
    ("am i addicted to xanax", ADDICTION),
    ("coming off xanax", STOPPING),
    ("quit benzos", STOPPING),
    ("is it safe to stop clonazepam", STOPPING),
    ("stop clonazepam", STOPPING),
    ("klonopin taper", STOPPING),
    ("get off valium", STOPPING),
    ("wean off ativan", STOPPING),
])
def test_reported_queries_find_their_page_in_the_first_three(bundled_content, query, expected):
    assert expected in urls(query)


def test_mixed_query_still_lists_the_terms_on_its_topic(bundled_content):
    found = [r.document.url for r in search("xanax addiction", per_page=30).page]
    assert "/glossary/addiction/" in found
    assert "/glossary/benzodiazepine-use-disorder/" in found


def test_a_brand_name_finds_what_is_said_of_the_class(article, term):
    term("benzodiazepine", "Benzodiazepine", aliases=["benzo"])
    term("alprazolam", "Alprazolam", aliases=["Xanax"])
    article("class-page", title="Stopping safely", body="Benzodiazepines should be reduced.")
    assert "Stopping safely" in [r.document.title for r in search("xanax").page]


def test_partial_matches_follow_full_matches_most_words_first(article):
    article("all", title="Tapering and sleep and anxiety", body="Nothing.")
    article("two", title="Tapering and sleep", body="Nothing.")
    article("one", title="Anxiety", body="Nothing.")
    found = [r.document.title for r in search("tapering sleep anxiety").page]
    assert found == ["Tapering and sleep and anxiety", "Tapering and sleep", "Anxiety"]


def test_nothing_on_topic_still_finds_nothing(bundled_content):
    assert urls("zzqqx qqzzx") == []


def test_pages_of_a_several_word_query_run_on_past_the_banded_window(article, term):
    """Entries and articles are banded among the best 100 matches; later pages follow by rank,
    and no page repeats or skips a result."""
    from search.backends.base import ARTICLES_FIRST_WINDOW

    term("tapering", "Tapering plan", short="A tapering plan.")
    for number in range(ARTICLES_FIRST_WINDOW + 5):
        article(f"plan-{number}", title=f"Tapering plan {number}", body="Slowly.")
    pages = [[r.document.url for r in search("tapering plan", n, per_page=40).page]
             for n in (1, 2, 3)]
    found = [url for page in pages for url in page]
    assert len(found) == len(set(found)) == ARTICLES_FIRST_WINDOW + 6
    assert found[0] == "/glossary/tapering/"
