"""Any query returns a page: nothing a reader types reaches the database as syntax."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.backends import get_backend
from search.query import parse
from search.service import search
from search.text import MAX_QUERY_LENGTH, MAX_QUERY_WORDS

pytestmark = pytest.mark.django_db

HOSTILE = [
    "", " ", "\t\n", "\x00", "clonazepam\x00withdrawal", "a" * 10_000, "klonopin " * 2_000,
    '"', '"""', "'", "''", "taper\"", '"unbalanced phrase', "(", ")", "((taper)", "taper))",
    "AND", "OR", "NOT", "NEAR", "NEAR(taper withdrawal, 2)", "taper AND OR NOT withdrawal",
    "*", "taper*", "^taper", "-taper", "+taper", "title:taper", "heading_text:taper",
    "{heading_text body_text}: taper", "taper:*", "!taper", "taper & | ! <->", "<-> <2>",
    "'; DROP TABLE search_searchdocument; --", "1' OR '1'='1", "%", "%%", "_", "\\", "\\x00",
    "Ünïcödé ümlauts", "клоназепам", "氯硝西泮", "🙂💊", "\u202e\u200b", "ß", "²³", "İstanbul",
    "\ue000taper\ue001", "<mark>taper</mark>", "<script>alert(1)</script>",
]


@pytest.fixture
def page_to_find(article, term):
    term("clonazepam", "Clonazepam", aliases=["Klonopin"])
    article("stopping", title="Stopping safely", body="A taper lowers the risk of withdrawal.")


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_return_a_page(client, page_to_find, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_operators_are_searched_as_plain_words(page_to_find):
    assert [r.document.title for r in search("taper AND NEAR(").page] == ["Stopping safely"]
    assert [r.document.title for r in search("title:taper").page] == ["Stopping safely"]


def test_query_length_and_word_count_are_capped(page_to_find):
    query = parse("taper " * 5_000, get_backend())
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert len(query.groups) <= MAX_QUERY_WORDS


def test_repeated_query_parameters_use_one(client, page_to_find):
    response = client.get("/search/?q=taper&q=%22&q=(")
    assert response.status_code == 200


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.text(max_size=300))
def test_any_text_query_is_answered(page_to_find, query):
    result = search(query)
    assert result.count >= 0
    for item in result.page:
        assert item.snippet.count("<mark>") == item.snippet.count("</mark>")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.lists(st.sampled_from(
    ["taper", "klonopin", "withdrawl", '"', "(", ")", "*", "^", ":", "AND", "OR", "NOT", "NEAR",
     "-", "+", "'", "\\", "\x00", "<->", "&", "|", "!", "title:", "{", "}", ",", "\ue000", " "]
), max_size=40).map("".join))
def test_any_mix_of_query_syntax_is_answered(page_to_find, query):
    assert Client().get("/search/", {"q": query}).status_code == 200
