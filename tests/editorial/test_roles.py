"""The roles exist as groups, made by the data migration, with the permissions they need."""

import pytest
from django.contrib.auth.models import Group

from editorial.roles import ADMINISTRATOR, AUTHOR, CLINICAL_REVIEWER, PUBLISHER

pytestmark = pytest.mark.django_db


def codenames(role):
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


def test_the_four_roles_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {AUTHOR, CLINICAL_REVIEWER, PUBLISHER, ADMINISTRATOR} <= names


def test_authors_write_but_neither_approve_nor_publish():
    perms = codenames(AUTHOR)
    assert {"add_article", "change_article", "add_term", "submit_revision"} <= perms
    assert not perms & {"approve_revision", "publish_page", "delete_article"}


def test_reviewers_approve_but_neither_edit_nor_publish():
    perms = codenames(CLINICAL_REVIEWER)
    assert {"approve_revision", "request_changes", "view_article"} <= perms
    assert not perms & {"change_article", "publish_page"}


def test_publishers_publish_but_neither_edit_nor_approve():
    perms = codenames(PUBLISHER)
    assert {"publish_page", "schedule_page", "unpublish_page", "archive_page"} <= perms
    assert not perms & {"change_article", "approve_revision"}


def test_every_kind_of_revisioned_page_gets_the_roles():
    from core.kinds import page_models

    for model in page_models():
        assert f"change_{model._meta.model_name}" in codenames(AUTHOR)
        assert f"view_{model._meta.model_name}" in codenames(CLINICAL_REVIEWER)
