"""Database queries per page stay bounded however much content there is (issue 10, point 1)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import glossary.rendering
from articles.models import Topic
from editorial.models import Revision
from glossary.models import Term

pytestmark = pytest.mark.django_db


def make_terms(count, start=0):
    for number in range(start, start + count):
        term = Term(slug=f"term-{number}")
        term.publish(term.save_revision(source=Revision.Source.IMPORT, content={
            "term": f"word{number}", "slug": f"term-{number}", "aliases": [f"alias{number}"],
            "short_definition": f"Meaning {number}.", "definition": f"Long meaning {number}.",
            "category": "concept", "language": "en", "related": [],
        }), actor_label="test")


def make_topics(count, start=0):
    return [Topic.objects.create(title=f"Topic {n}", slug=f"topic-{n}", summary="About it.")
            for n in range(start, start + count)]


def queries_for(client, path):
    """Queries for a cold request: nothing cached, the glossary linker not yet built."""
    cache.clear()
    glossary.rendering._linker = None
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def rich_article(make_article, slug, *, terms, topics, references):
    body = "\n\n".join(f"## Part {n}\n\nword{n} and alias{n} in a sentence." for n in range(terms))
    return make_article(slug, topics=topics, body=body, references=[
        {"title": f"Source {n}", "publisher": "FDA", "year": 2020,
         "url": f"https://www.fda.gov/{n}"} for n in range(references)
    ], key_points=[f"Point {n}." for n in range(10)])


def test_article_page_is_at_most_4_queries_cold_and_2_warm_with_lots_of_everything(
    client, make_article, django_assert_max_num_queries, settings
):
    """Warm means the view's own caches are warm: the page cache is off, or the second
    request would be a cache hit with 0 queries whatever the view does."""
    settings.PAGE_CACHE_SECONDS = 0
    make_terms(60)
    topics = make_topics(12)
    for number in range(8):  # neighbours, for "related articles"
        make_article(f"neighbour-{number}", topics=topics[:3])
    rich_article(make_article, "rich", terms=60, topics=topics, references=25)
    with django_assert_max_num_queries(4):
        assert "word59" in client.get("/articles/rich/").text
    with django_assert_max_num_queries(2):
        client.get("/articles/rich/")


def test_article_page_queries_do_not_grow_with_terms_topics_or_references(
    client, make_article
):
    make_terms(40)
    topics = make_topics(10)
    rich_article(make_article, "small", terms=1, topics=topics[:1], references=1)
    rich_article(make_article, "large", terms=40, topics=topics, references=30)
    assert queries_for(client, "/articles/large/") == queries_for(client, "/articles/small/")


@pytest.mark.parametrize("path", ["/", "/articles/", "/topics/topic-0/", "/glossary/"])
def test_list_page_queries_are_constant_in_the_number_of_items(client, make_article, path):
    topics = make_topics(2)
    make_terms(3)
    for number in range(3):
        make_article(f"first-{number}", topics=topics)
    few = queries_for(client, path)
    make_terms(30, start=3)
    for number in range(30):
        make_article(f"more-{number}", topics=topics)
    make_topics(10, start=2)
    assert queries_for(client, path) == few


def test_term_page_queries_are_constant_in_related_terms_and_articles(client, make_article):
    make_terms(3)
    make_article("uses-one", body="word0 here.")
    few = queries_for(client, "/glossary/term-0/")
    for number in range(20):
        make_article(f"uses-{number}", body="word0 and word1.")
    assert queries_for(client, "/glossary/term-0/") == few


def test_topic_page_shows_one_page_of_articles_at_a_time(client, make_article):
    topic = make_topics(1)[0]
    for number in range(25):
        make_article(f"a-{number:02d}", title=f"Article {number:02d}", topics=[topic])
    first = client.get(f"/topics/{topic.slug}/").text
    second = client.get(f"/topics/{topic.slug}/?page=2").text
    assert first.count('class="card"') == 20 and second.count('class="card"') == 5
    # Page 1 is linked by its canonical address (?page=1 redirects there).
    assert 'rel="next" href="?page=2"' in first
    assert f'rel="prev" href="/topics/{topic.slug}/"' in second
    assert client.get(f"/topics/{topic.slug}/?page=abc").status_code == 404
