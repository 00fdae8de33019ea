"""Readers' words find the right pages: glossary synonyms, stemming, prefixes and typos."""

import pytest

from search.backends import get_backend
from search.query import Alternative, corrections, parse
from search.service import search
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def clonazepam_pages(article, term):
    term("clonazepam", "Clonazepam", aliases=["Klonopin", "Rivotril"])
    term("benzodiazepine", "Benzodiazepine", aliases=["benzo", "benzodiazepine medicine"])
    article("taking-clonazepam", title="Taking clonazepam every day",
            summary="What daily use does.", body="Clonazepam is long-acting.")
    article("stopping", title="Stopping safely", summary="Cut down slowly.",
            body="Withdrawal can follow if a benzodiazepine is stopped suddenly.")
    article("sleep", title="Sleep tips", summary="Rest well.", body="Keep a routine.")


def test_brand_name_finds_pages_that_use_the_generic_name(clonazepam_pages):
    assert "Taking clonazepam every day" in titles("Klonopin")


def test_lay_word_finds_pages_that_use_the_term(clonazepam_pages):
    assert "Stopping safely" in titles("benzo")


def test_plural_of_an_alias_also_expands(clonazepam_pages):
    assert "Stopping safely" in titles("benzos")


def test_stemming_matches_other_forms_of_a_word(clonazepam_pages):
    assert titles("stops") == ["Stopping safely"]
    assert "Stopping safely" in titles("withdrawals")


def test_last_word_matches_as_a_prefix(clonazepam_pages):
    assert "Taking clonazepam every day" in titles("clonaz")
    assert titles("slee") == ["Sleep tips"]


def test_only_an_unfinished_last_word_is_a_prefix(clonazepam_pages):
    query = parse("routi sleep rout", get_backend())
    assert [any(alt.prefix for alt in group.alternatives) for group in query.groups] == [
        False, False, True]


@pytest.mark.parametrize("typo", ["klonipin", "clonazapam", "clonazepan", "klonopinn"])
def test_misspelled_medicine_names_find_the_medicine(clonazepam_pages, typo):
    assert "Taking clonazepam every day" in titles(typo)


def test_misspelled_common_word_is_corrected(clonazepam_pages):
    assert titles("withdrawl") == ["Stopping safely"]


def test_correctly_spelled_whole_words_are_searched_as_typed(clonazepam_pages):
    query = parse("sleep", get_backend())
    assert query.groups[0].alternatives == (Alternative(("sleep",)),)


def test_corrections_prefer_the_closest_word(clonazepam_pages):
    assert corrections("clonazapam", get_backend())[0] == "clonazepam"


def test_every_word_must_match_when_some_page_has_them_all(clonazepam_pages):
    result = search("clonazepam routine")
    assert result.any_group
    assert {"Taking clonazepam every day", "Sleep tips"} <= {r.document.title
                                                             for r in result.page}
    assert not search("clonazepam daily").any_group


def test_function_words_are_ignored(clonazepam_pages):
    assert titles("the sleep") == ["Sleep tips"]
    assert titles("the") == []


def test_synonyms_come_only_from_live_terms(article, term):
    term("clonazepam", "Clonazepam", aliases=["Klonopin"], live=False)
    article("taking-clonazepam", title="Taking clonazepam every day")
    assert titles("klonopin") == []


def test_the_page_says_what_else_was_searched_for(clonazepam_pages):
    assert "clonazepam" in search("klonopin").query.also_searched
