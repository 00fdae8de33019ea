"""Who may do what, through the real admin: every role × every action, allowed and refused.

Each case sets up a page where the action makes sense, sends the request a person in that
role would send, and checks the effect in the database, not only the status code.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial import workflow
from editorial.models import RevisionNote, WorkflowState
from editorial.roles import ADMINISTRATOR, AUTHOR, CLINICAL_REVIEWER, PUBLISHER
from tests.editorial.helpers import admin_url, reload, seen

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, AUTHOR, CLINICAL_REVIEWER, PUBLISHER, ADMINISTRATOR]
ALLOWED = {
    "create": {AUTHOR, ADMINISTRATOR},
    "edit": {AUTHOR, ADMINISTRATOR},
    "submit": {AUTHOR, ADMINISTRATOR},
    "approve": {CLINICAL_REVIEWER, ADMINISTRATOR},
    "request_changes": {CLINICAL_REVIEWER, ADMINISTRATOR},
    "publish": {PUBLISHER, ADMINISTRATOR},
    "schedule": {PUBLISHER, ADMINISTRATOR},
    "unpublish": {PUBLISHER, ADMINISTRATOR},
    "archive": {PUBLISHER, ADMINISTRATOR},
    "restore": {PUBLISHER, ADMINISTRATOR},
    "revert": {AUTHOR, ADMINISTRATOR},
    "preview": {AUTHOR, CLINICAL_REVIEWER, PUBLISHER, ADMINISTRATOR},
    "note": {AUTHOR, CLINICAL_REVIEWER, ADMINISTRATOR},
}
ARTICLE_FORM = {
    "title": "A new article", "slug": "a-new-article", "summary": "A plain summary.",
    "body": "Plain words.", "key_points": "[]", "references": "[]", "notices": "[]",
    "glossary_exclude": "[]", "language": "en", "review_interval_months": "12",
}


@pytest.fixture
def scene(make_article, author, reviewer, publisher, edit):
    """A live article (so a draft, a review or a publish can follow) and the people around it."""
    article = make_article("tolerance", title="Live title")
    return {"article": article, "author": author, "reviewer": reviewer,
            "publisher": publisher, "edit": edit}


def in_review(scene):
    article = scene["article"]
    scene["edit"](article, scene["author"], title="Draft title")
    workflow.submit(reload(article), user=scene["author"])
    return reload(article)


def approved(scene):
    article = in_review(scene)
    workflow.approve(article, user=scene["reviewer"])
    return reload(article)


def case_create(scene, client):
    response = client.post(reverse("admin:articles_article_add"), ARTICLE_FORM)
    return response, Article.objects.filter(slug="a-new-article").exists()


def case_edit(scene, client):
    article = scene["article"]
    response = client.post(admin_url(article, "change"),
                           {**ARTICLE_FORM, "slug": article.slug, "title": "Edited"})
    return response, reload(article).latest_revision.content["title"] == "Edited"


def _transition(action, article, client, **data):
    """POST what the history page's form sends: the revision it acts on, and ``data``."""
    subject = workflow.subject_revision(reload(article), action)
    response = client.post(admin_url(article, "workflow", action), {**seen(subject), **data})
    return response, reload(article)


def case_submit(scene, client):
    article = scene["article"]
    scene["edit"](article, scene["author"], title="Draft title")
    response, article = _transition("submit", article, client)
    return response, article.workflow_state == WorkflowState.IN_REVIEW


def case_approve(scene, client):
    response, article = _transition("approve", in_review(scene), client)
    return response, article.workflow_state == WorkflowState.APPROVED


def case_request_changes(scene, client):
    response, article = _transition("request_changes", in_review(scene), client,
                                    note="Please cite the guideline.")
    return response, article.workflow_state == WorkflowState.CHANGES_REQUESTED


def case_publish(scene, client):
    response, article = _transition("publish", approved(scene), client)
    return response, article.title == "Draft title" and article.clinically_reviewed


def case_schedule(scene, client):
    when = timezone.localtime() + timezone.timedelta(days=2)
    response, article = _transition("schedule", approved(scene), client,
                                    go_live_at=when.strftime("%Y-%m-%dT%H:%M"))
    return response, article.go_live_at is not None


def case_unpublish(scene, client):
    response, article = _transition("unpublish", scene["article"], client,
                                    note="Withdrawn while a label change is checked.")
    return response, not article.live


def case_archive(scene, client):
    response, article = _transition("archive", scene["article"], client,
                                    note="Merged into another article.")
    return response, article.archived_at is not None


def case_restore(scene, client):
    workflow.archive(scene["article"], user=scene["publisher"])
    response, article = _transition("restore", reload(scene["article"]), client,
                                    note="Needed again.")
    return response, article.archived_at is None


def case_revert(scene, client):
    article = scene["article"]
    first = article.latest_revision
    scene["edit"](article, scene["author"], title="Second")
    response = client.post(admin_url(article, "revert", first.pk))
    latest = reload(article).latest_revision
    return response, latest.source == "revert" and latest.content["title"] == "Live title"


def case_preview(scene, client):
    article = scene["article"]
    scene["edit"](article, scene["author"], title="Unpublished draft title")
    response = client.get(admin_url(article, "preview", reload(article).latest_revision_id))
    return response, "Unpublished draft title" in response.content.decode()


def case_note(scene, client):
    article = scene["article"]
    response = client.post(admin_url(article, "note", article.latest_revision_id),
                           {"text": "Check the second reference."})
    return response, RevisionNote.objects.filter(text="Check the second reference.").exists()


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, action, scene, make_staff, client, login_staff):
    if role != ANONYMOUS:
        existing = {AUTHOR: scene["author"], CLINICAL_REVIEWER: scene["reviewer"],
                    PUBLISHER: scene["publisher"]}
        login_staff(client, existing.get(role) or make_staff(role))
    response, happened = globals()[f"case_{action}"](scene, client)
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302), response.status_code
        assert happened, f"{role} may {action}, but it did not happen"
    else:
        assert not happened, f"{role} must not be able to {action}"
        if role == ANONYMOUS:
            assert response.status_code == 302 and "login" in response["Location"]
        else:
            assert response.status_code == 403


def test_a_transition_cannot_be_made_with_get(scene, client, login_staff):
    """GET shows the action's page (issue 16, point 9); only its POST acts."""
    login_staff(client, scene["author"])
    scene["edit"](scene["article"], scene["author"], title="Draft")
    response = client.get(admin_url(scene["article"], "workflow", "submit"))
    assert response.status_code == 200
    assert reload(scene["article"]).workflow_state == WorkflowState.DRAFT


def test_an_unknown_action_is_not_found(scene, client, login_staff, make_staff):
    login_staff(client, make_staff(ADMINISTRATOR))
    response = client.post(admin_url(scene["article"], "workflow", "delete-everything"))
    assert response.status_code == 404


def test_no_admin_path_publishes_an_unapproved_revision(scene, client, login_staff, make_staff):
    """Even an administrator gets a refusal, not a publish, for a revision only in review."""
    article = in_review(scene)
    login_staff(client, make_staff(ADMINISTRATOR))
    client.post(admin_url(article, "workflow", "publish"), seen(article.latest_revision))
    client.post(admin_url(article, "workflow", "schedule"),
                {"go_live_at": f"{timezone.now().year + 1}-01-01T09:00",
                 **seen(article.latest_revision)})
    article = reload(article)
    assert article.title == "Live title" and article.go_live_at is None


@pytest.mark.parametrize(("role", "allowed"), [(AUTHOR, True), (CLINICAL_REVIEWER, False),
                                               (PUBLISHER, False)])
def test_glossary_terms_follow_the_same_rules(role, allowed, make_term, make_staff, edit,
                                              client, login_staff):
    term = make_term("tolerance")
    user = make_staff(role)
    edit(term, None, short_definition="A new draft sentence.")
    login_staff(client, user)
    response = client.post(admin_url(term, "workflow", "submit"),
                           seen(reload(term).latest_revision))
    assert (reload(term).workflow_state == WorkflowState.IN_REVIEW) is allowed
    assert response.status_code == (302 if allowed else 403)
