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
