"""The editorial roles (Author, Clinical reviewer, Publisher, Administrator) as groups."""

from django.db import migrations

from editorial.roles import ROLE_NAMES, create_all_permissions, sync_roles


def create_roles(apps, schema_editor):
    create_all_permissions(apps)
    sync_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0002_workflow_states_reviews_and_notes"),
        ("articles", "0004_article_workflow_and_review_cycle"),
        ("glossary", "0002_term_workflow_and_review_cycle"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
    ]
