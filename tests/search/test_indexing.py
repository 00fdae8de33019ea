"""The index follows what readers can see: publish, unpublish, archive, glossary edits, deletes."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from editorial import workflow
from search import indexing
from search.models import SearchDocument, SearchWord
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


def test_published_article_is_found_by_title_summary_key_points_and_body(article):
    article("calm", title="Staying calm", summary="About serenity.",
            key_points=["Breathing helps."], body="Try a mindfulness exercise.")
    for word in ("calm", "serenity", "breathing", "mindfulness"):
        assert titles(word) == ["Staying calm"], word


def test_nothing_is_indexed_before_the_change_commits(make_article):
    make_article("calm", title="Staying calm")
    assert not SearchDocument.objects.exists()


def test_draft_article_is_not_indexed(article):
    article("calm", title="Staying calm", live=False)
    assert titles("calm") == []
    assert not SearchDocument.objects.exists()


def test_unpublished_changes_of_a_live_article_stay_out_of_the_index(article, committed):
    page = article("calm", title="Staying calm")
    content = {**page.latest_revision.content, "title": "Secret draft wording"}
    with committed():
        page.save_revision(content=content)
    assert titles("secret") == []
    assert titles("calm") == ["Staying calm"]


def test_publishing_new_wording_replaces_the_old(article, committed):
    page = article("calm", title="Staying calm")
    with committed():
        revision = page.save_revision(content={**page.latest_revision.content,
                                               "title": "Keeping steady"})
        page.publish(revision, actor_label="test")
    assert titles("calm") == []
    assert titles("steady") == ["Keeping steady"]


def test_unpublishing_through_the_workflow_removes_the_document(article, committed):
    """The workflow unpublishes with a queryset update (no post_save): its signal re-indexes."""
    page = article("calm", title="Staying calm")
    with committed():
        workflow.unpublish(page, user=None)
    assert not SearchDocument.objects.exists()
    assert titles("calm") == []


def test_archived_article_is_never_shown_even_before_reindexing(article):
    page = article("calm", title="Staying calm")
    Article.objects.filter(pk=page.pk).update(archived_at=timezone.now())
    assert SearchDocument.objects.exists()
    assert titles("calm") == []


def test_glossary_term_is_found_by_name_alias_and_definition(term):
    term("clonazepam", "Clonazepam", aliases=["Klonopin"], short="A calming medicine.",
         definition="It is long-acting.")
    for word in ("clonazepam", "klonopin", "calming", "long"):
        assert titles(word) == ["Clonazepam"], word


def test_term_edit_is_reindexed(term, committed):
    page = term("clonazepam", "Clonazepam")
    with committed():
        revision = page.save_revision(content={**page.latest_revision.content,
                                               "aliases": ["Rivotril"]})
        page.publish(revision, actor_label="test")
    assert titles("rivotril") == ["Clonazepam"]


def test_deleting_a_page_removes_its_document_and_its_words(article):
    page = article("calm", title="Staying calm", body="Unusualword here.")
    assert SearchWord.objects.filter(word="unusualword").exists()
    page.delete()
    assert not SearchDocument.objects.exists()
    assert not SearchWord.objects.filter(word="unusualword").exists()


def test_word_counts_follow_documents(article, committed):
    article("one", title="Alpha", body="Shared words.")
    page = article("two", title="Beta", body="Shared words.")
    assert SearchWord.objects.get(word="shared").document_count == 2
    with committed():
        revision = page.save_revision(content={**page.latest_revision.content,
                                               "body": "Different now."})
        page.publish(revision, actor_label="test")
    assert SearchWord.objects.get(word="shared").document_count == 1
    assert SearchWord.objects.get(word="different").document_count == 1


def test_indexed_body_is_text_without_markup(article):
    article("calm", body="Some **bold** text and <em>html</em> & an ampersand.")
    body_text = SearchDocument.objects.get().body_text
    assert "<" not in body_text and "**" not in body_text
    assert "bold text" in body_text and "& an ampersand" in body_text


def test_rebuild_indexes_every_live_page_and_nothing_else(make_article, make_term_row):
    make_article("calm", title="Staying calm")
    make_article("draft", title="Draft only", live=False)
    make_term_row("tolerance", "Tolerance")
    assert not SearchDocument.objects.exists()
    count = indexing.rebuild()
    assert count == 2
    assert sorted(SearchDocument.objects.values_list("title", flat=True)) == [
        "Staying calm", "Tolerance"]
    assert titles("calm") == ["Staying calm"]
    assert SearchWord.objects.get(word="calm").document_count == 1


def test_rebuild_command_shows_a_progress_bar(make_article):
    for number in range(3):
        make_article(f"page-{number}", title=f"Page {number}")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    output = out.getvalue()
    assert "[##############################] 100% 3/3" in output
    assert "Indexed 3 pages." in output


@pytest.fixture
def make_term_row(db):
    """A live term created without running on-commit indexing."""
    from editorial.models import Revision
    from glossary.models import Term

    def make(slug, name):
        page = Term(slug=slug)
        revision = page.save_revision(content={
            "term": name, "slug": slug, "aliases": [], "short_definition": "A sentence.",
            "definition": "", "category": "concept", "language": "en", "related": []},
            source=Revision.Source.IMPORT)
        page.publish(revision, actor_label="test")
        return page

    return make


def test_migrate_indexes_pages_that_were_live_before_search_existed(make_article):
    make_article("calm", title="Staying calm")
    assert not SearchDocument.objects.exists()
    call_command("migrate", verbosity=0)
    assert titles("calm") == ["Staying calm"]


def test_migrate_does_not_rebuild_an_index_that_has_documents(article, make_article):
    article("calm", title="Staying calm")
    make_article("quiet", title="Quiet evening")
    call_command("migrate", verbosity=0)
    assert titles("quiet") == []


def test_the_body_is_indexed_as_readers_read_it(article):
    """core.text.plain_text: blocks stay apart, citation markers are not words."""
    article("calm", title="Staying calm",
            references=[{"key": "fda-2020", "title": "Source", "publisher": "FDA",
                         "year": 2020, "url": "https://www.fda.gov/"}],
            body="Taper slowly[^fda-2020].\n\n<ul><li>alpha</li><li>beta</li></ul>\n")
    body_text = SearchDocument.objects.get().body_text
    assert "[1]" not in body_text and "Taper slowly." in body_text
    assert titles("alpha") == ["Staying calm"] and titles("beta") == ["Staying calm"]
