"""A glossary change re-links every article page at once (core/caching.py: linked HTML and
the linker are kept per glossary version; whole pages per content generation)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import workflow
from editorial.roles import PUBLISHER
from glossary.models import Term

pytestmark = pytest.mark.django_db

PAGE_CACHE = pytest.mark.parametrize("page_cache_seconds", [60, 0], ids=["page-cache",
                                                                         "no-page-cache"])
BODY = "## What it means\n\nSome people notice rebound insomnia when they stop.\n"


@pytest.fixture
def page_cache(settings, page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds


@PAGE_CACHE
def test_a_new_term_is_linked_on_article_pages_at_once(client, make_article, make_term,
                                                       page_cache):
    make_article("sleep", body=BODY)
    assert "/glossary/rebound-insomnia/" not in client.get("/articles/sleep/").text
    make_term("rebound-insomnia", "rebound insomnia", short="Sleep worse than before.")
    page = client.get("/articles/sleep/").text
    assert "/glossary/rebound-insomnia/" in page and "Sleep worse than before." in page


@PAGE_CACHE
def test_a_changed_definition_shows_on_article_pages_at_once(client, make_article, make_term,
                                                             page_cache):
    term = make_term("rebound-insomnia", "rebound insomnia", short="The old definition.")
    make_article("sleep", body=BODY)
    assert "The old definition." in client.get("/articles/sleep/").text
    content = {**term.latest_revision.content, "short_definition": "The new definition."}
    term.publish(term.save_revision(content=content), actor_label="test")
    page = client.get("/articles/sleep/").text
    assert "The new definition." in page and "The old definition." not in page


@PAGE_CACHE
def test_an_unpublished_term_is_unlinked_on_article_pages_at_once(
        client, make_article, make_term, page_cache):
    term = make_term("rebound-insomnia", "rebound insomnia")
    make_article("sleep", body=BODY)
    assert "/glossary/rebound-insomnia/" in client.get("/articles/sleep/").text
    publisher = get_user_model().objects.create_user("publisher", is_staff=True)
    publisher.groups.add(Group.objects.get(name=PUBLISHER))
    workflow.unpublish(Term.objects.get(pk=term.pk), user=publisher)
    assert "/glossary/rebound-insomnia/" not in client.get("/articles/sleep/").text
