"""Ranking: title and aliases weigh most, summary next, body last; realistic bundled queries."""

import pytest

from search.service import search
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


def urls(query, count=3):
    return [r.document.url for r in search(query).page][:count]


def test_title_outranks_summary_outranks_body(article):
    article("in-body", title="Plain page", summary="Nothing.", body="About tapering slowly.")
    article("in-title", title="Tapering", summary="Nothing.", body="Something else.")
    article("in-summary", title="Other page", summary="Tapering explained.", body="Else.")
    assert titles("tapering") == ["Tapering", "Other page", "Plain page"]


def test_alias_weighs_like_a_title(article, term):
    term("clonazepam", "Clonazepam", aliases=["Klonopin"])
    article("mentions", title="Plain page", body="Klonopin is a brand name.")
    assert titles("klonopin")[0] == "Clonazepam"


def test_klonopin_withdrawl_leads_to_clonazepam_and_withdrawal_pages(bundled_content):
    top = urls("klonopin withdrawl")
    assert "/articles/withdrawal/" in top
    assert "/articles/dependence-when-taken-as-prescribed/" in top


def test_glossary_names_and_brand_names_lead_to_their_entries(bundled_content):
    assert urls("tolerance", 1) == ["/glossary/tolerance/"]
    assert urls("Klonopin", 1) == ["/glossary/clonazepam/"]
    assert urls("clonazapam", 1) == ["/glossary/clonazepam/"]
    assert urls("benzo", 1) == ["/glossary/benzodiazepine/"]


def test_topic_words_reach_their_articles_on_the_first_page(bundled_content):
    assert "/articles/pregnancy-and-breastfeeding/" in urls("pregnancy", 3)
    assert "/articles/reducing-with-your-prescriber/" in urls("tapering off", 3)
    assert "/articles/sleep-and-benzodiazepines/" in urls("sleep", 10)


def test_pages_run_on_from_title_and_summary_matches_into_body_matches(article):
    for number in range(3):
        article(f"title-{number}", title=f"Tapering plan {number}", body="Nothing here.")
    for number in range(4):
        article(f"body-{number}", title=f"Other page {number}", body="Tapering helps.")
    first = [r.document.title for r in search("tapering", per_page=5).page]
    second = [r.document.title for r in search("tapering", 2, per_page=5).page]
    assert sorted(first[:3]) == ["Tapering plan 0", "Tapering plan 1", "Tapering plan 2"]
    assert len(first) == 5 and len(second) == 2
    assert sorted(first[3:] + second) == [f"Other page {n}" for n in range(4)]


def test_a_page_can_start_among_title_matches_and_run_on_into_body_matches(article):
    for number in range(7):
        article(f"title-{number}", title=f"Tapering plan {number}", body="Nothing here.")
    for number in range(4):
        article(f"body-{number}", title=f"Other page {number}", body="Tapering helps.")
    pages = [titles("tapering", page_number=number, per_page=5) for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [5, 5, 1]
    in_order = [title for page in pages for title in page]
    assert sorted(in_order[:7]) == [f"Tapering plan {n}" for n in range(7)]
    assert sorted(in_order[7:]) == [f"Other page {n}" for n in range(4)]
    assert search("tapering").count == 11


def test_pages_with_every_word_come_first_then_pages_with_some(article):
    """Any word in the title puts a full match first; a partial match follows all of them."""
    article("in-title", title="Tapering guide", body="Make a plan with your prescriber.")
    article("in-body", title="Other page", body="A tapering plan, step by step.")
    article("half", title="Tapering alone", body="Nothing else.")
    assert titles("tapering plan") == ["Tapering guide", "Other page", "Tapering alone"]
    found = search("tapering plan")
    assert found.count == 3 and found.partial and not found.any_group


def test_title_and_summary_holding_every_word_come_before_those_holding_some(article):
    """Several words: pages whose title and summary hold every word typed come first, then
    those holding some of them, then body-only matches (each tier ranked). A broad question's
    first page then ranks the few pages about all of it, not every page naming one word."""
    article("one-word", title="Tapering", summary="Nothing.", body="Make a plan.")
    article("every-word", title="Other page", summary="A tapering plan.", body="Nothing.")
    article("body", title="Plain page", summary="Nothing.", body="A tapering plan.")
    for number in range(6):  # so that both words are rarer than common words
        article(f"unrelated-{number}", title=f"Unrelated {number}", body="Sleep.")
    assert titles("tapering plan") == ["Other page", "Tapering", "Plain page"]
    assert titles("tapering plan", per_page=1) == ["Other page"]
    assert [titles("tapering plan", page_number=n, per_page=1)[0] for n in (2, 3)] == [
        "Tapering", "Plain page"]


def test_an_entry_named_by_a_word_typed_stays_first(article, term):
    term("clonazepam", "Clonazepam", aliases=["Klonopin"], short="A medicine.",
         definition="Some people taper it slowly.")
    article("every-word", title="Klonopin taper", summary="Both words.", body="Nothing.")
    assert titles("klonopin taper") == ["Clonazepam", "Klonopin taper"]
