"""Search reads the page-kind registry: a kind registered with search fields is indexed,
found and kept in step with publishing, with no edit to search (tests/extra_kind)."""

import logging

import pytest

from core import kinds
from editorial import workflow
from search import indexing
from search.models import SearchDocument, SearchWord
from tests.extra_kind.kinds import URLCONF, leaflet_kind, make_leaflet, registered
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaflets(settings):
    settings.ROOT_URLCONF = URLCONF
    with registered(leaflet_kind()) as kind:
        yield kind


@pytest.fixture
def leaflet(leaflets, committed):
    def make(slug, **fields):
        with committed():
            return make_leaflet(slug, **fields)

    return make


def test_a_registered_kind_is_indexed_and_found(leaflet, client):
    page = leaflet("sleep-hygiene", title="Sleep hygiene", summary="Habits that help sleep.",
                   body="Keep a **steady** bedtime.")
    document = SearchDocument.objects.get()
    assert (document.kind, document.object_id) == ("leaflet", page.pk)
    assert document.url == "/leaflets/sleep-hygiene/"
    assert "steady bedtime" in document.body_text
    for word in ("hygiene", "habits", "bedtime"):
        assert titles(word) == ["Sleep hygiene"], word

    response = client.get("/search/", {"q": "bedtime"})
    assert response.status_code == 200
    assert '<a href="/leaflets/sleep-hygiene/">Sleep hygiene</a>' in response.text
    assert '<p class="search-kind">Leaflet</p>' in response.text
    assert client.get(document.url).status_code == 200


def test_its_results_sit_among_the_site_kinds(leaflet, article, term):
    article("tolerance", title="Tolerance explained", body="Bedtime doses and tolerance.")
    term("bedtime", "Bedtime")
    leaflet("sleep-hygiene", title="Sleep hygiene", body="Keep a steady bedtime.")
    assert sorted(titles("bedtime")) == ["Bedtime", "Sleep hygiene", "Tolerance explained"]
    assert sorted(SearchDocument.objects.values_list("kind", flat=True)) == [
        "article", "leaflet", "term"]


def test_drafts_and_unpublished_changes_stay_out(leaflet, committed):
    leaflet("draft-only", title="Draft only", live=False)
    assert not SearchDocument.objects.exists()
    page = leaflet("sleep-hygiene", title="Sleep hygiene")
    with committed():
        page.save_revision(content={**page.latest_revision.content, "title": "Secret wording"})
    assert titles("secret") == []
    assert titles("hygiene") == ["Sleep hygiene"]


def test_publishing_signals_reindex_it(leaflet, committed):
    page = leaflet("sleep-hygiene", title="Sleep hygiene")
    with committed():
        revision = page.save_revision(content={**page.latest_revision.content,
                                               "title": "Resting well"})
        page.publish(revision, actor_label="test")
    assert titles("hygiene") == []
    assert titles("resting") == ["Resting well"]
    with committed():
        workflow.unpublish(page, user=None)
    assert not SearchDocument.objects.exists()
    assert titles("resting") == []


def test_deleting_it_removes_its_document_and_words(leaflet):
    page = leaflet("sleep-hygiene", title="Sleep hygiene", body="Unusualword here.")
    assert SearchWord.objects.filter(word="unusualword").exists()
    page.delete()
    assert not SearchDocument.objects.exists()
    assert not SearchWord.objects.filter(word="unusualword").exists()


def test_rebuild_covers_it(leaflets):
    make_leaflet("sleep-hygiene", title="Sleep hygiene")  # no on-commit indexing here
    make_leaflet("draft-only", title="Draft only", live=False)
    assert not SearchDocument.objects.exists()
    assert indexing.rebuild() == 1
    assert titles("hygiene") == ["Sleep hygiene"]


def test_a_kind_without_search_fields_is_not_indexed(settings, committed):
    settings.ROOT_URLCONF = URLCONF
    with registered(leaflet_kind(search=None)):
        with committed():
            make_leaflet("sleep-hygiene", title="Sleep hygiene")
        assert not SearchDocument.objects.exists()
        assert indexing.rebuild() == 0


def test_an_unregistered_kind_is_never_shown(leaflet):
    leaflet("sleep-hygiene", title="Sleep hygiene")
    kinds.unregister("leaflet")
    assert SearchDocument.objects.exists()
    assert titles("hygiene") == []


def test_a_kind_whose_search_fields_fail_is_logged_and_the_publish_stands(
        settings, committed, caplog):
    """Indexing runs after the commit: its failure is logged, never the publish's."""

    def broken(page):
        raise ValueError("no fields")

    settings.ROOT_URLCONF = URLCONF
    with registered(leaflet_kind(search=broken)), caplog.at_level(logging.ERROR), committed():
        page = make_leaflet("sleep-hygiene", title="Sleep hygiene")
    page.refresh_from_db()
    assert page.live
    assert not SearchDocument.objects.exists()
    assert "no fields" in caplog.text
