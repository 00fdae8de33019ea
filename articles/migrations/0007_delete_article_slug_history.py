from django.db import migrations


class Migration(migrations.Migration):
    """Old article slugs live in core.SlugHistory now (0006 moved them)."""

    dependencies = [
        ("articles", "0006_move_article_slug_history_to_core"),
    ]

    operations = [
        migrations.DeleteModel(
            name="ArticleSlugHistory",
        ),
    ]
