"""The article lists (all articles, each topic) follow every change readers could see.

What the lists hold is compared with the rule every public view uses (``Article.objects.live()``
and the topics' links), after each kind of change: publish, unpublish, archive, restore, delete,
topics changed from either side, a rolled-back change, a rebuild.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from articles import listings
from articles.models import Article, Listing, ListingEntry, Topic
from editorial import workflow

pytestmark = pytest.mark.django_db


def listed(topic=None) -> list[str]:
    """Slugs in a listing, in the order readers page through it."""
    listing = listings.all_articles_listing() if topic is None else Listing.objects.get(
        topic=topic)
    return list(ListingEntry.objects.filter(listing=listing).order_by("title", "article_id")
                .values_list("article__slug", flat=True))


def counted(topic=None) -> int:
    return (Listing.objects.get(topic=None) if topic is None
            else Listing.objects.get(topic=topic)).article_count


def expected(topic=None) -> list[str]:
    articles = Article.objects.live()
    if topic is not None:
        articles = articles.filter(topics=topic)
    return list(articles.order_by("title", "pk").values_list("slug", flat=True))


def assert_in_step(*topics):
    for topic in (None, *topics):
        assert listed(topic) == expected(topic)
        assert counted(topic) == len(expected(topic))


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.create_user("publisher", is_staff=True)


def test_a_new_topic_has_an_empty_listing():
    topic = Topic.objects.create(title="Sleep", slug="sleep", summary="Sleep.")
    assert counted(topic) == 0 and listed(topic) == []


def test_publishing_lists_an_article_in_all_articles_and_its_topics(make_article, topic):
    make_article("b-article", title="B article", topics=[topic])
    make_article("a-article", title="A article")
    make_article("draft", title="C draft", live=False, topics=[topic])
    assert listed() == ["a-article", "b-article"]
    assert listed(topic) == ["b-article"]
    assert_in_step(topic)


def test_unpublish_archive_restore_and_republish(make_article, topic, publisher):
    article = make_article("tolerance", topics=[topic])
    workflow.unpublish(article, user=publisher)
    assert listed() == [] and counted(topic) == 0
    article.publish(article.latest_revision, actor_label="test")
    assert listed() == ["tolerance"] and listed(topic) == ["tolerance"]
    workflow.archive(article, user=publisher)
    assert listed() == [] and listed(topic) == []
    workflow.restore(article, user=publisher)
    assert listed() == []  # restored as unpublished
    assert_in_step(topic)


def test_a_new_title_moves_the_article_in_the_list(make_article):
    article = make_article("first", title="Aardvark")
    make_article("second", title="Middle")
    assert listed() == ["first", "second"]
    content = {**article.serialize_content(), "title": "Zebra"}
    article.publish(article.save_revision(content=content), actor_label="test")
    assert listed() == ["second", "first"]
    assert ListingEntry.objects.get(article=article).title == "Zebra"


def test_a_draft_title_does_not_move_the_live_article(make_article):
    article = make_article("first", title="Aardvark")
    make_article("second", title="Middle")
    article.save_revision(content={**article.serialize_content(), "title": "Zebra"})
    assert listed() == ["first", "second"]


def test_topics_changed_from_the_article_side(make_article, topic):
    other = Topic.objects.create(title="Sleep", slug="sleep", summary="Sleep.")
    article = make_article("tolerance", topics=[topic])
    article.topics.add(other)
    assert listed(other) == ["tolerance"]
    article.topics.remove(topic)
    assert listed(topic) == []
    article.topics.set([topic])
    assert listed(topic) == ["tolerance"] and listed(other) == []
    article.topics.clear()
    assert_in_step(topic, other)
    assert counted(topic) == counted(other) == 0


def test_topics_changed_from_the_topic_side(make_article, topic):
    first, second = make_article("first"), make_article("second")
    topic.articles.add(first, second)
    assert listed(topic) == ["first", "second"]
    topic.articles.remove(first)
    assert listed(topic) == ["second"]
    topic.articles.clear()
    assert listed(topic) == [] and counted(topic) == 0
    assert listed() == ["first", "second"]


def test_deleting_articles_and_topics(make_article, topic):
    doomed = make_article("doomed", topics=[topic])
    make_article("kept", topics=[topic])
    doomed.delete()
    assert_in_step(topic)
    Article.objects.filter(slug="kept").delete()  # a queryset delete sends the signals too
    assert_in_step(topic)
    topic.delete()
    assert not Listing.objects.exclude(topic=None).exists()


def test_a_rolled_back_publish_leaves_the_lists_as_they_were(make_article, topic):
    article = make_article("tolerance", live=False, topics=[topic])
    with pytest.raises(RuntimeError), transaction.atomic():
        article.publish(article.latest_revision, actor_label="test")
        assert listed(topic) == ["tolerance"]
        raise RuntimeError("the request failed after publishing")
    assert listed() == [] and counted() == 0 and counted(topic) == 0


def test_rebuild_matches_the_incremental_lists_and_repairs_drift(make_article, topic):
    for number in range(5):
        make_article(f"article-{number}", title=f"Article {5 - number}",
                     topics=[topic] if number % 2 else [])
    before = {(e.listing_id, e.article_id, e.title, e.published_at)
              for e in ListingEntry.objects.all()}
    # Changes that bypass the signals, as a bulk insert or raw SQL would.
    Article.objects.filter(slug="article-0").update(live=False)
    Listing.objects.update(article_count=99)
    call_command("rebuild_listings", verbosity=0)
    assert_in_step(topic)
    after = {(e.listing_id, e.article_id, e.title, e.published_at)
             for e in ListingEntry.objects.all()}
    assert after == {entry for entry in before
                     if entry[1] != Article.objects.get(slug="article-0").pk}


def test_rebuild_command_reports_what_it_listed(make_article, topic, capsys):
    make_article("tolerance", topics=[topic])
    call_command("rebuild_listings")
    assert "Listed 1 live articles: 2 entries in 2 lists." in capsys.readouterr().out


@pytest.mark.parametrize("total", [0, 1, 19, 20, 21, 45])
def test_a_window_reads_the_same_from_either_end(make_article, total):
    for number in range(total):
        # Equal titles in pairs: ties are broken by id, the same from both ends.
        make_article(f"article-{number:02d}", title=f"Article {number // 2:02d}")
    window = listings.ListingWindow(listings.all_articles_listing())
    everything = list(Article.objects.live().order_by("title", "pk").values_list("pk", flat=True))
    assert len(window) == total
    for start in range(0, total + 1):
        for stop in (start, start + 1, start + 20, total, total + 5):
            assert window[start:stop] == everything[start:stop], (start, stop)


def test_a_page_never_shows_an_article_taken_offline_behind_the_lists_back(client, make_article):
    make_article("visible", title="Visible")
    make_article("hidden", title="Hidden")
    Article.objects.filter(slug="hidden").update(live=False)  # no signal: the entry stays
    html = client.get("/articles/").text
    assert "Visible" in html and "Hidden" not in html


def test_list_pages_read_the_lists(client, make_article, topic):
    for number in range(30):
        make_article(f"article-{number:02d}", title=f"Article {number:02d}", topics=[topic])
    last = client.get("/articles/?page=2").text
    assert "Article 29" in last and "Article 19" not in last and "Article 20" in last
    topic_last = client.get(f"/topics/{topic.slug}/?page=2").text
    assert "Article 29" in topic_last and "Article 19" not in topic_last


def test_home_and_sitemaps_offer_only_topics_with_live_articles(client, make_article, topic):
    empty = Topic.objects.create(title="Nothing yet", slug="nothing-yet", summary="Empty.")
    make_article("tolerance", topics=[topic])
    make_article("draft", live=False, topics=[empty])
    home = client.get("/").text
    assert topic.get_absolute_url() in home and empty.get_absolute_url() not in home
    sitemap = client.get("/sitemap.xml").text
    assert topic.get_absolute_url() in sitemap and empty.get_absolute_url() not in sitemap


def test_related_articles_come_from_each_topics_newest(client, make_article, topic,
                                                      monkeypatch):
    from articles import related

    old = make_article("old", title="Old", topics=[topic])
    Article.objects.filter(pk=old.pk).update(
        last_published_at=timezone.now() - timedelta(days=400))
    listings.relist([old.pk])
    for number in range(3):
        make_article(f"new-{number}", title=f"New {number}", topics=[topic])
    monkeypatch.setattr(related, "RELATED_CANDIDATES", 3)
    main = Article.objects.get(slug="new-0")
    titles = [a.title for a in related.related_articles(
        main, list(Topic.objects.filter(pk=topic.pk).annotate(
            listing_pk=F("listing"))))]
    # The three newest are the candidates; the article itself is one of them.
    assert sorted(titles) == ["New 1", "New 2"]
    monkeypatch.setattr(related, "RELATED_CANDIDATES", 100)
    titles = [a.title for a in related.related_articles(
        main, list(Topic.objects.filter(pk=topic.pk).annotate(
            listing_pk=F("listing"))))]
    assert titles[-1] == "Old" and len(titles) == 3


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite lets one transaction write at a time: there is no race")
@pytest.mark.django_db(transaction=True)
def test_two_publishers_at_once_both_count(make_article, topic):
    """Two transactions list an article in the same topic at the same moment (PostgreSQL)."""
    import threading

    from django.db import connections

    drafts = [make_article(f"draft-{n}", live=False, topics=[topic]).pk for n in range(2)]
    both_written = threading.Barrier(2, timeout=10)
    errors = []

    def publish(pk):
        try:
            with transaction.atomic():
                Article.objects.filter(pk=pk).update(live=True, last_published_at=timezone.now())
                both_written.wait()  # neither has committed; both now list their article
                listings.relist([pk])
        except Exception as error:  # reported below, with the thread's own traceback lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(pk,)) for pk in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert_in_step(topic)
    assert counted(topic) == counted() == 2
