"""page_published, page_unpublished, page_archived and page_restored fire from every route in."""

import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core import caching
from editorial import workflow
from editorial.signals import (
    PUBLISHING_SIGNALS,
    page_archived,
    page_published,
    page_restored,
    page_unpublished,
)
from tests.editorial.helpers import admin_url, reload, seen

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_FILE = ROOT / "content" / "articles" / "dependence-when-taken-as-prescribed.md"
NAMES = {page_published: "published", page_unpublished: "unpublished",
         page_archived: "archived", page_restored: "restored"}


@pytest.fixture
def sent():
    """Every publishing signal sent during the test, as (name, model, page id, revision id)."""
    seen = []

    def receiver(signal, sender, instance, **kwargs):
        revision = kwargs.get("revision")
        seen.append((NAMES[signal], sender, instance.pk, revision.pk if revision else None))

    for signal in PUBLISHING_SIGNALS:
        signal.connect(receiver, dispatch_uid="test-recorder")
    yield seen
    for signal in PUBLISHING_SIGNALS:
        signal.disconnect(dispatch_uid="test-recorder")


def test_publishing_from_a_shell_sends_page_published_with_the_revision(make_article, sent):
    article = make_article("tolerance", live=False)
    revision = article.latest_revision
    article.publish(revision, actor_label="shell")
    assert sent == [("published", Article, article.pk, revision.pk)]


def test_the_workflow_sends_each_signal_once(approved_draft, publisher, sent):
    workflow.publish(approved_draft, user=publisher)
    workflow.unpublish(approved_draft, user=publisher)
    workflow.archive(approved_draft, user=publisher)
    workflow.restore(approved_draft, user=publisher)
    assert [name for name, *_ in sent] == ["published", "unpublished", "archived", "restored"]
    assert {pk for _, _, pk, _ in sent} == {approved_draft.pk}


def test_a_refused_transition_sends_nothing(make_article, publisher, sent):
    article = make_article("tolerance", live=False)
    with pytest.raises(workflow.WorkflowError):
        workflow.unpublish(article, user=publisher)
    assert sent == []


def test_cron_publish_scheduled_sends_page_published(approved_draft, publisher, sent):
    workflow.schedule(reload(approved_draft), user=publisher,
                      go_live_at=timezone.now() + timedelta(hours=1))
    Article.objects.filter(pk=approved_draft.pk).update(
        go_live_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    assert [(name, pk) for name, _, pk, _ in sent] == [("published", approved_draft.pk)]


def test_import_content_with_publish_sends_page_published(sent):
    call_command("import_content", str(ROOT / "content" / "topics"), str(ARTICLE_FILE),
                 publish=True, verbosity=0)
    article = Article.objects.get(slug="dependence-when-taken-as-prescribed")
    assert ("published", Article, article.pk, article.live_revision_id) in sent


def test_import_content_without_publish_sends_nothing(sent):
    call_command("import_content", str(ROOT / "content" / "topics"), str(ARTICLE_FILE),
                 verbosity=0)
    assert sent == []


@pytest.mark.parametrize("action, expected", [
    ("publish", ["published"]),
    ("unpublish", ["unpublished"]),
    ("archive", ["archived"]),
])
def test_the_admin_sends_the_signal_of_each_action(approved_draft, publisher, client,
                                                   login_staff, sent, action, expected):
    if action != "publish":
        workflow.publish(approved_draft, user=publisher)
        sent.clear()
    login_staff(client, publisher)
    page = reload(approved_draft)
    # Every workflow form names the revision it acts on: unpublish the live one, else the latest.
    acted_on = page.live_revision if action == "unpublish" else page.latest_revision
    # Taking a page down needs a reason (the confirmation page asks for one).
    response = client.post(admin_url(approved_draft, "workflow", action),
                           {**seen(acted_on), "note": "Checked by the publishing-signal test."})
    assert response.status_code == 302
    assert [name for name, *_ in sent] == expected


def test_the_admin_restore_sends_page_restored(make_article, publisher, client, login_staff,
                                               sent):
    article = make_article("tolerance")
    workflow.archive(article, user=publisher)
    sent.clear()
    login_staff(client, publisher)
    client.post(admin_url(article, "workflow", "restore"),
                {**seen(reload(article).latest_revision), "note": "Back with a fix."})
    assert [name for name, *_ in sent] == ["restored"]


def test_a_rolled_back_publish_moves_nothing_on_after_the_rollback(
        make_article, django_capture_on_commit_callbacks):
    """Receivers act on commit: a rollback leaves no purge and no page-cache bump queued."""
    article = make_article("tolerance", live=False)
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                article.publish(article.latest_revision, actor_label="shell")
                raise RuntimeError("changed my mind")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not reload(article).live


def test_a_change_in_another_process_makes_this_process_render_afresh(client, make_article):
    """The generation lives in VAR_DIR, so cron jobs and other workers move it on for all."""
    make_article("tolerance")
    client.get("/articles/tolerance/")
    before = caching.generation()
    subprocess.run([sys.executable, "manage.py", "shell", "-c",
                    "from core import caching; caching.bump()"],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    assert caching.generation() != before
    with CaptureQueriesContext(transaction.get_connection()) as queries:
        client.get("/articles/tolerance/")
    assert len(queries) > 0
