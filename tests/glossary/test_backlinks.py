"""Backlinks on a term's page cover any page kind whose text is linked (``core.kinds``), and
articles meet the glossary only through core (``core.page_text``), never by importing it."""

import dataclasses

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core import kinds, page_text
from editorial import workflow
from editorial.models import Revision
from glossary.models import TermUsage
from glossary.rendering import pages_using
from pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_site_pages():
    """Site pages as a kind whose text the glossary links (they are not linked today)."""
    original = kinds.get("page")
    kinds.register(dataclasses.replace(original, text_field="body_html"))
    yield
    kinds.register(original)


def make_site_page(slug, title, body):
    page = Page(slug=slug)
    page.publish(page.save_revision(source=Revision.Source.IMPORT, content={
        "title": title, "slug": slug, "summary": "A page about the site.", "body": body,
        "language": "en",
    }), actor_label="test")
    return page


def usages(term_slug):
    return sorted(TermUsage.objects.filter(term__slug=term_slug).values_list("kind", "page_id"))


def test_a_term_page_lists_pages_of_another_kind_after_the_articles(
    client, make_term, make_article, linked_site_pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_term("clonazepam", "Clonazepam", aliases=["Klonopin"])
        article = make_article("about-klonopin", title="About Klonopin",
                               body="Klonopin is a medicine.")
        page = make_site_page("about", "About this site", "We explain words like clonazepam.")
        make_site_page("privacy", "Privacy", "Nothing relevant.")
    assert usages("clonazepam") == [("article", article.pk), ("page", page.pk)]
    html = client.get("/glossary/clonazepam/").text
    articles_part, pages_part = html.split("Articles that use this word", 1)[1].split(
        "Pages that use this word", 1)
    pages_part = pages_part.split("</section>", 1)[0]
    assert "About Klonopin" in articles_part and "About this site" not in articles_part
    assert "About this site" in pages_part and "Privacy" not in pages_part


def test_a_page_taken_offline_or_deleted_leaves_the_backlinks(
    client, make_term, linked_site_pages, django_capture_on_commit_callbacks, django_user_model
):
    editor = django_user_model.objects.create_user("ed", is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_term("clonazepam", "Clonazepam")
        page = make_site_page("about", "About this site", "Clonazepam, explained.")
    assert usages("clonazepam") == [("page", page.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(page, user=editor, note="Out of date.")
    assert usages("clonazepam") == []
    assert "Pages that use this word" not in client.get("/glossary/clonazepam/").text
    with django_capture_on_commit_callbacks(execute=True):
        page = make_site_page("about-2", "About us", "Clonazepam, explained.")
    assert usages("clonazepam") == [("page", page.pk)]
    page.delete()
    assert usages("clonazepam") == []


def test_backlinks_cost_one_query_per_linked_kind(
    make_term, make_article, linked_site_pages, django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    with django_capture_on_commit_callbacks(execute=True):
        term = make_term("clonazepam", "Clonazepam")
        for number in range(5):
            make_article(f"a-{number}", title=f"A {number}", body="Clonazepam lasts.")
            make_site_page(f"p-{number}", f"P {number}", "Clonazepam lasts.")
    with django_assert_num_queries(2):
        groups = [(group["kind"].name, [p.title for p in group["pages"]])
                  for group in pages_using(term)]
    assert groups == [("article", [f"A {n}" for n in range(5)]),
                      ("page", [f"P {n}" for n in range(5)])]


def test_an_article_reads_unchanged_with_no_text_processor(client, make_term, make_article):
    """What articles get with no glossary installed: their HTML as it is, and no words."""
    make_term("tolerance", "tolerance")
    article = make_article("tolerance-explained", body="Tolerance can grow.")
    assert 'href="/glossary/tolerance/"' in page_text.render(article).html
    glossary = next(p for p in page_text.processors() if p.name == "glossary")
    page_text.unregister("glossary")
    try:
        text = page_text.render(article)
        assert (text.html, text.words) == (article.body_html, ())
        html = client.get("/articles/tolerance-explained/").text
        assert "Tolerance can grow." in html and 'href="/glossary/tolerance/"' not in html
    finally:
        page_text.register(glossary)


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_article_usage(make_term, make_article):
    """0003 turns each article foreign key into an ("article", id) usage; reversing keeps the
    article usages and drops the other kinds' (the old table cannot hold them)."""
    make_term("clonazepam", "Clonazepam")
    make_term("tolerance", "tolerance")
    first = make_article("first", body="Clonazepam and tolerance.")
    second = make_article("second", body="Tolerance.")
    term_ids = {slug: pk for slug, pk in
                TermUsage.objects.values_list("term__slug", "term_id").distinct()}
    TermUsage.objects.create(kind="page", page_id=first.pk, term_id=term_ids["clonazepam"])
    expected = [("article", first.pk, term_ids["clonazepam"]),
                ("article", first.pk, term_ids["tolerance"]),
                ("article", second.pk, term_ids["tolerance"])]

    executor = MigrationExecutor(connection)
    before = [("glossary", "0002_term_workflow_and_review_cycle")]
    after = executor.loader.graph.leaf_nodes("glossary")
    try:
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        old_usage = old.get_model("glossary", "TermUsage")
        assert sorted(old_usage.objects.values_list("article_id", "term_id")) == \
            sorted((page_id, term_id) for _, page_id, term_id in expected)
        old_usage.objects.filter(article_id=second.pk).delete()
        old_usage.objects.create(article_id=second.pk, term_id=term_ids["tolerance"])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    assert sorted(TermUsage.objects.values_list("kind", "page_id", "term_id")) == expected
