"""The migrations that move articles' and terms' own slug histories into core keep every row."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0005_listings"), ("glossary", "0002_term_workflow_and_review_cycle")]
AFTER = [("articles", "0007_delete_article_slug_history"),
         ("glossary", "0004_delete_term_slug_history")]
WHEN = datetime(2024, 3, 4, 5, 6, tzinfo=UTC)


@pytest.fixture
def migrator(transactional_db):
    """A MigrationExecutor; the database is migrated forward again afterwards, pass or fail."""
    yield MigrationExecutor(connection)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)  # a fresh graph: what is applied has changed
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_histories(apps):
    """Two article slugs and one term slug, as the old per-kind tables held them."""
    article = apps.get_model("articles", "Article").objects.create(
        slug="tapering-guide", title="Tapering", summary="S.", body="B.", live=True)
    term = apps.get_model("glossary", "Term").objects.create(
        term="GABA", slug="gaba", short_definition="A brain chemical.", live=True)
    article_history = apps.get_model("articles", "ArticleSlugHistory")
    term_history = apps.get_model("glossary", "TermSlugHistory")
    for old_slug in ("tapering", "how-to-taper"):
        row = article_history.objects.create(old_slug=old_slug, article_id=article.pk)
        article_history.objects.filter(pk=row.pk).update(created_at=WHEN)
    row = term_history.objects.create(old_slug="gamma-aminobutyric-acid", term_id=term.pk)
    term_history.objects.filter(pk=row.pk).update(created_at=WHEN)
    return article.pk, term.pk


def test_every_old_slug_moves_to_the_one_history_with_its_page_and_date(migrator):
    article_pk, term_pk = old_histories(migrate(BEFORE))
    apps = migrate(AFTER)
    content_types = apps.get_model("contenttypes", "ContentType").objects
    article_type = content_types.get(app_label="articles", model="article").pk
    term_type = content_types.get(app_label="glossary", model="term").pk
    rows = apps.get_model("core", "SlugHistory").objects.order_by("old_slug")
    assert list(rows.values_list("content_type", "object_id", "old_slug", "created_at")) == [
        (term_type, term_pk, "gamma-aminobutyric-acid", WHEN),
        (article_type, article_pk, "how-to-taper", WHEN),
        (article_type, article_pk, "tapering", WHEN),
    ]


def test_moved_old_slugs_answer_301_once_migrated(migrator, client):
    old_histories(migrate(BEFORE))
    migrate(AFTER)
    assert client.get("/articles/tapering/")["Location"] == "/articles/tapering-guide/"
    assert client.get("/glossary/gamma-aminobutyric-acid/")["Location"] == "/glossary/gaba/"


def test_migrating_back_restores_the_old_tables(migrator):
    article_pk, term_pk = old_histories(migrate(BEFORE))
    migrate(AFTER)
    apps = migrate([*BEFORE, ("core", "0001_slug_history")])
    assert set(apps.get_model("articles", "ArticleSlugHistory").objects.values_list(
        "old_slug", "article_id", "created_at")) == {("tapering", article_pk, WHEN),
                                                     ("how-to-taper", article_pk, WHEN)}
    assert list(apps.get_model("glossary", "TermSlugHistory").objects.values_list(
        "old_slug", "term_id")) == [("gamma-aminobutyric-acid", term_pk)]
    assert not apps.get_model("core", "SlugHistory").objects.exists()
