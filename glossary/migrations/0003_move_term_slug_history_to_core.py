"""Old glossary term slugs move to the one slug history every page kind shares (core.SlugHistory)."""

from django.db import migrations


def term_content_type(apps):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    return content_type_model.objects.get_or_create(app_label="glossary", model="term")[0]


def move_to_core(apps, schema_editor):
    """Every row is kept, with its page and date: old links keep answering 301."""
    old_model = apps.get_model("glossary", "TermSlugHistory")
    history_model = apps.get_model("core", "SlugHistory")
    content_type = term_content_type(apps)
    history_model.objects.bulk_create(
        (history_model(content_type=content_type, object_id=row.term_id,
                       old_slug=row.old_slug, created_at=row.created_at)
         for row in old_model.objects.order_by("pk").iterator()),
        batch_size=500,
    )


def move_back(apps, schema_editor):
    old_model = apps.get_model("glossary", "TermSlugHistory")
    term_model = apps.get_model("glossary", "Term")
    history_model = apps.get_model("core", "SlugHistory")
    rows = history_model.objects.filter(content_type=term_content_type(apps))
    existing = set(term_model.objects.values_list("pk", flat=True))
    for row in rows.filter(object_id__in=existing).order_by("pk"):
        moved = old_model.objects.create(old_slug=row.old_slug, term_id=row.object_id)
        # created_at is auto_now_add on the old model: set the real date afterwards.
        old_model.objects.filter(pk=moved.pk).update(created_at=row.created_at)
    rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("glossary", "0002_term_workflow_and_review_cycle"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_slug_history"),
    ]

    operations = [
        migrations.RunPython(move_to_core, move_back),
    ]
