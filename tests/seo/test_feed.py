"""/feeds/articles.atom: new and re-reviewed articles as valid Atom with absolute links."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://benzo.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def feed(client):
    response = client.get("/feeds/articles.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (the site's own output)


def set_changed(article, when):
    fields = {"last_published_at": when}
    if hasattr(article, "last_significant_change"):
        fields["last_significant_change"] = when
    Article.objects.filter(pk=article.pk).update(**fields)


def test_feed_has_what_atom_requires(client, make_article):
    make_article("tolerance")
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    for entry in root.iter(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"{SITE}/feeds/articles.atom"


def test_entries_link_to_articles_by_absolute_address(client, make_article):
    make_article("tolerance", title="What is tolerance?", summary="The same dose does less.")
    (entry,) = feed(client).iter(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "What is tolerance?"
    assert entry.find(f"{ATOM}link").get("href") == f"{SITE}/articles/tolerance/"
    assert entry.findtext(f"{ATOM}summary") == "The same dose does less."


def test_recently_changed_articles_come_first(client, make_article):
    """A re-reviewed article moves to the top with its new date."""
    published_first, published_second = make_article("first"), make_article("second")
    set_changed(published_first, dt.datetime(2025, 5, 1, tzinfo=dt.UTC))
    set_changed(published_second, dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    entries = list(feed(client).iter(f"{ATOM}entry"))
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        f"{SITE}/articles/first/", f"{SITE}/articles/second/"]
    assert entries[0].findtext(f"{ATOM}updated").startswith("2025-05-01")


def test_drafts_and_archived_articles_are_left_out(client, make_article, archive):
    make_article("draft", live=False)
    archive(make_article("archived"))
    assert list(feed(client).iter(f"{ATOM}entry")) == []


def test_an_entry_keeps_its_id_when_the_slug_changes(client, make_article, change_slug):
    article = make_article("old-name")
    (before,) = feed(client).iter(f"{ATOM}entry")
    change_slug(article, "new-name")
    (after,) = feed(client).iter(f"{ATOM}entry")
    assert before.findtext(f"{ATOM}id") == after.findtext(f"{ATOM}id")
    assert after.findtext(f"{ATOM}id").startswith("tag:benzo.example.org,")
