"""Term usages name their page by kind and id instead of a foreign key to articles.Article.

The glossary links the text of any page kind (``core.kinds``), and the glossary app imports no
other page kind's app (issue 17). Existing usages are kept: each becomes an "article" usage of
the same article. Reversing keeps the article usages and drops those of other kinds.
"""

from django.db import migrations, models


def usages_to_pages(apps, schema_editor):
    TermUsage = apps.get_model("glossary", "TermUsage")
    TermUsage.objects.update(kind="article", page_id=models.F("article_id"))


def usages_to_articles(apps, schema_editor):
    TermUsage = apps.get_model("glossary", "TermUsage")
    TermUsage.objects.exclude(kind="article").delete()
    TermUsage.objects.update(article_id=models.F("page_id"))


class Migration(migrations.Migration):

    dependencies = [
        ('glossary', '0004_delete_term_slug_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='termusage',
            name='kind',
            field=models.CharField(default='article', max_length=50),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='termusage',
            name='page_id',
            field=models.BigIntegerField(null=True),
        ),
        migrations.RemoveConstraint(
            model_name='termusage',
            name='unique_term_usage',
        ),
        # Nullable first, so that reversing can add the column back before filling it.
        migrations.AlterField(
            model_name='termusage',
            name='article',
            field=models.ForeignKey(null=True, on_delete=models.deletion.CASCADE,
                                    related_name='term_usages', to='articles.article'),
        ),
        migrations.RunPython(usages_to_pages, usages_to_articles),
        migrations.RemoveField(
            model_name='termusage',
            name='article',
        ),
        migrations.AlterField(
            model_name='termusage',
            name='page_id',
            field=models.BigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name='termusage',
            constraint=models.UniqueConstraint(fields=('term', 'kind', 'page_id'),
                                               name='unique_term_usage_on_page'),
        ),
        migrations.AddIndex(
            model_name='termusage',
            index=models.Index(fields=['kind', 'page_id'], name='glossary_usage_page'),
        ),
    ]
