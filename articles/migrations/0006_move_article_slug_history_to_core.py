"""Old article slugs move to the one slug history every page kind shares (core.SlugHistory)."""

from django.db import migrations


def article_content_type(apps):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    return content_type_model.objects.get_or_create(app_label="articles", model="article")[0]


def move_to_core(apps, schema_editor):
    """Every row is kept, with its page and date: old links keep answering 301."""
    old_model = apps.get_model("articles", "ArticleSlugHistory")
    history_model = apps.get_model("core", "SlugHistory")
    content_type = article_content_type(apps)
    history_model.objects.bulk_create(
        (history_model(content_type=content_type, object_id=row.article_id,
                       old_slug=row.old_slug, created_at=row.created_at)
         for row in old_model.objects.order_by("pk").iterator()),
        batch_size=500,
    )


def move_back(apps, schema_editor):
    old_model = apps.get_model("articles", "ArticleSlugHistory")
    article_model = apps.get_model("articles", "Article")
    history_model = apps.get_model("core", "SlugHistory")
    rows = history_model.objects.filter(content_type=article_content_type(apps))
    existing = set(article_model.objects.values_list("pk", flat=True))
    for row in rows.filter(object_id__in=existing).order_by("pk"):
        moved = old_model.objects.create(old_slug=row.old_slug, article_id=row.object_id)
        # created_at is auto_now_add on the old model: set the real date afterwards.
        old_model.objects.filter(pk=moved.pk).update(created_at=row.created_at)
    rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_listings"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_slug_history"),
    ]

    operations = [
        migrations.RunPython(move_to_core, move_back),
    ]
