from django.db import migrations


class Migration(migrations.Migration):
    """Old glossary term slugs live in core.SlugHistory now (0003 moved them)."""

    dependencies = [
        ("glossary", "0003_move_term_slug_history_to_core"),
    ]

    operations = [
        migrations.DeleteModel(
            name="TermSlugHistory",
        ),
    ]
