"""Search documents name their page by kind and id (``core.kinds``), not by one foreign key
per model, so any registered kind can be indexed.

The documents are kept: each one's ``object_id`` is copied from the foreign key it had, so
search keeps answering through the deploy. On SQLite each schema change here copies the table
(which drops its triggers), so the full-text index's triggers are dropped first and made
again at the end, and the FTS5 index is rebuilt from the rows (the ids are kept).
"""

from django.db import migrations, models

from search.migration_operations import VendorSQL

SQLITE_TRIGGERS = [
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN INSERT INTO search_fts(rowid, heading_text, summary_text, body_text) VALUES (new.id, new.heading_text, new.summary_text, new.body_text); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN INSERT INTO search_fts(search_fts, rowid, heading_text, summary_text, body_text) VALUES ('delete', old.id, old.heading_text, old.summary_text, old.body_text); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN INSERT INTO search_fts(search_fts, rowid, heading_text, summary_text, body_text) VALUES ('delete', old.id, old.heading_text, old.summary_text, old.body_text); INSERT INTO search_fts(rowid, heading_text, summary_text, body_text) VALUES (new.id, new.heading_text, new.summary_text, new.body_text); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_fts_insert", "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
]
COPY_PAGE_IDS = "UPDATE search_searchdocument SET object_id = COALESCE(article_id, term_id)"
# Back to one foreign key per model: only articles' and terms' documents whose page exists.
RESTORE_FOREIGN_KEYS = [
    "DELETE FROM search_searchdocument WHERE NOT ("
    "(kind = 'article' AND object_id IN (SELECT id FROM articles_article)) OR "
    "(kind = 'term' AND object_id IN (SELECT id FROM glossary_term)))",
    "UPDATE search_searchdocument SET "
    "article_id = CASE WHEN kind = 'article' THEN object_id END, "
    "term_id = CASE WHEN kind = 'term' THEN object_id END",
]


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0004_search_query_counts'),
    ]

    operations = [
        VendorSQL('sqlite', SQLITE_DROP_TRIGGERS, SQLITE_TRIGGERS),
        migrations.RemoveConstraint(
            model_name='searchdocument',
            name='search_document_is_one_page',
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='object_id',
            field=models.BigIntegerField(null=True),
        ),
        migrations.RunSQL(COPY_PAGE_IDS, RESTORE_FOREIGN_KEYS),
        migrations.RemoveField(
            model_name='searchdocument',
            name='article',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='term',
        ),
        migrations.AlterField(
            model_name='searchdocument',
            name='object_id',
            field=models.BigIntegerField(),
        ),
        migrations.AlterField(
            model_name='searchdocument',
            name='kind',
            field=models.CharField(max_length=50),
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.UniqueConstraint(fields=('kind', 'object_id'), name='search_document_one_per_page'),
        ),
        VendorSQL('sqlite', SQLITE_TRIGGERS, SQLITE_DROP_TRIGGERS),
    ]
