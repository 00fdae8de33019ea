"""A new page kind, registered in one place, gets the whole site with no edit elsewhere.

``tests/extra_kind`` is a small app of its own — a ``Leaflet`` model, its admin (a subclass of
the workflow admin), a view — as docs/architecture.md's "Adding a page kind" describes. Once
its ``PageKind`` is registered, a leaflet is imported from a content file, edited in the
admin with the markdown editor, submitted, approved by a clinical reviewer and published
through the admin's own forms, then found by search, listed in the sitemap, open to reader
feedback and exported again: none of import_content, the workflow, roles, search, seo,
feedback or the editor names it.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from core import kinds
from editorial.content import page_content_kind
from editorial.dashboard import pages_needing
from editorial.roles import AUTHOR, sync_roles
from feedback.models import HelpfulVote
from tests.editorial.helpers import admin_url, reload, seen
from tests.extra_kind.kinds import URLCONF, leaflet_kind, registered
from tests.extra_kind.models import Leaflet
from tests.feedback.conftest import SAME_ORIGIN, form_post, helpful_data

LEAFLET = """---
title: Sleeping without sleeping pills
slug: sleeping-without-pills
summary: Habits that help you sleep while you and your prescriber reduce a medicine.
---
Keep a **steady** bedtime and get daylight in the morning.
"""


@pytest.fixture
def leaflets(settings, db):
    settings.ROOT_URLCONF = URLCONF
    kind = leaflet_kind(content=page_content_kind(Leaflet, name="leaflet", folder="leaflets"))
    with registered(kind):
        # What `migrate` does after a new app is installed: the roles gain its permissions.
        sync_roles(apps)
        yield kind


def import_files(folder, *args):
    out = StringIO()
    call_command("import_content", str(folder), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_registered_kind_is_imported_reviewed_published_searched_and_listed(
        leaflets, tmp_path, client, login_staff, author, reviewer, publisher,
        django_capture_on_commit_callbacks):
    # Import: a content file in its folder becomes a draft revision.
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "leaflets" / "sleeping-without-pills.md").write_text(LEAFLET)
    assert "created as draft" in import_files(tmp_path)
    leaflet = Leaflet.objects.get(slug="sleeping-without-pills")
    assert not leaflet.live and leaflet.latest_revision is not None

    # Roles: an author may change it (permissions from the registry, not a list).
    assert author.groups.get().name == AUTHOR
    assert author.has_perm("extra_kind.change_leaflet")

    # The editor: its markdown field gets the editor with live preview, no admin code of its own.
    login_staff(client, author)
    change = client.get(admin_url(leaflet, "change"))
    assert change.status_code == 200
    assert "markdownx" in change.text and 'name="body"' in change.text

    # The workflow, through the admin's forms: submit, approve (four eyes), publish.
    revision = reload(leaflet).latest_revision
    response = client.post(admin_url(leaflet, "workflow", "submit"),
                           {**seen(revision), "note": "Ready."})
    assert response.status_code == 302
    assert reload(leaflet).workflow_state == "in_review"
    in_review = pages_needing("in_review")
    assert [entry.page for entry in in_review if isinstance(entry.page, Leaflet)] == [leaflet]

    login_staff(client, reviewer)
    response = client.post(admin_url(leaflet, "workflow", "approve"),
                           {**seen(revision), "note": "Checked against the sources."})
    assert response.status_code == 302
    assert reload(leaflet).approved_revision_id == revision.pk

    login_staff(client, publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url(leaflet, "workflow", "publish"),
                               {**seen(revision), "note": "Going live."})
    assert response.status_code == 302
    leaflet = reload(leaflet)
    assert leaflet.live and leaflet.live_revision_id == revision.pk
    assert leaflet.reviewer_name == "Dr Ada Reviewer"

    # Readers: the page, search and the sitemap.
    client.logout()
    assert client.get("/leaflets/sleeping-without-pills/").status_code == 200
    results = client.get(reverse("search:results"), {"q": "daylight bedtime"})
    assert '<a href="/leaflets/sleeping-without-pills/">Sleeping without sleeping pills</a>' \
        in results.text
    sitemap = client.get("/sitemap-leaflets.xml")
    assert sitemap.status_code == 200
    assert "/leaflets/sleeping-without-pills/</loc>" in sitemap.text
    # A small site's /sitemap.xml is one sitemap of every section (an index past 50,000).
    assert "/leaflets/sleeping-without-pills/</loc>" in client.get("/sitemap.xml").text

    # Feedback: readers can say whether it helped.
    vote = form_post(client, "/feedback/helpful/", helpful_data(leaflet, kind="leaflet"),
                     **SAME_ORIGIN)
    assert vote.status_code == 303
    assert HelpfulVote.objects.get().page == leaflet

    # Export: the live leaflet is written back as the file it came from.
    out = tmp_path / "export"
    call_command("export_content", str(out), stdout=StringIO())
    assert (out / "leaflets" / "sleeping-without-pills.md").read_text() == LEAFLET


def test_an_unregistered_kind_is_nowhere(db, tmp_path):
    """Without its registration the same files are refused: nothing names the kind elsewhere."""
    assert kinds.get("leaflet") is None
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "leaflets" / "sleeping-without-pills.md").write_text(LEAFLET)
    errors = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_content", str(tmp_path), stdout=StringIO(), stderr=errors)
    assert "can't tell what kind of item this is" in errors.getvalue()
    assert not Leaflet.objects.exists()
