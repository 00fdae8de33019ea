"""The migration that adds the listings fills them from the articles a database already has."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0004_article_workflow_and_review_cycle")]
AFTER = [("articles", "0005_listings")]


@pytest.fixture
def migrator(transactional_db):
    """A MigrationExecutor; the database is migrated forward again afterwards, pass or fail."""
    yield MigrationExecutor(connection)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_live_articles_are_listed_in_title_order_with_counts(migrator):
    migrator.migrate(BEFORE)
    old = migrator.loader.project_state(BEFORE).apps
    topic_model, article_model = old.get_model("articles", "Topic"), old.get_model(
        "articles", "Article")
    sleep = topic_model.objects.create(title="Sleep", slug="sleep", summary="Sleep.")
    empty = topic_model.objects.create(title="Empty", slug="empty", summary="Nothing.")
    published = datetime(2025, 1, 2, tzinfo=UTC)
    for slug, title, live, archived in [("b", "Bravo", True, None), ("a", "Alpha", True, None),
                                        ("draft", "Draft", False, None),
                                        ("gone", "Gone", True, published)]:
        article = article_model.objects.create(slug=slug, title=title, summary="S.", body="B.",
                                               live=live, archived_at=archived,
                                               last_published_at=published)
        article.topics.add(sleep)

    executor = MigrationExecutor(connection)  # reload: the graph now has 0004 applied
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    listing_model = new.get_model("articles", "Listing")
    entry_model = new.get_model("articles", "ListingEntry")

    def titles(listing):
        return list(entry_model.objects.filter(listing=listing).order_by("title")
                    .values_list("title", flat=True))

    everything = listing_model.objects.get(topic=None)
    assert titles(everything) == ["Alpha", "Bravo"] and everything.article_count == 2
    sleep_listing = listing_model.objects.get(topic_id=sleep.pk)
    assert titles(sleep_listing) == ["Alpha", "Bravo"] and sleep_listing.article_count == 2
    assert listing_model.objects.get(topic_id=empty.pk).article_count == 0
    assert set(entry_model.objects.values_list("published_at", flat=True)) == {published}
