"""One vocabulary for editorial states, the same on the list, history, status box and dashboard
(issue 16, point 4)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import workflow
from editorial.roles import ADMINISTRATOR
from editorial.states import page_state_label, revision_state_label
from tests.editorial.helpers import admin_url, reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_staff):
    return make_staff(ADMINISTRATOR, "admin-person")


def in_review(page, author):
    workflow.submit(page, user=author)
    return reload(page)


def approved(page, author, reviewer):
    workflow.submit(page, user=author)
    workflow.approve(reload(page), user=reviewer)
    return reload(page)


def test_a_bundled_page_imported_live_reads_live_not_yet_clinically_reviewed(make_article):
    article = make_article()
    assert page_state_label(article) == "Live (not yet clinically reviewed)"
    assert revision_state_label(article, article.live_revision) == \
        "Live (not yet clinically reviewed)"


def test_a_published_approved_page_reads_live(make_article, author, reviewer, publisher):
    article = approved(make_article(live=False), author, reviewer)
    workflow.publish(article, user=publisher)
    article = reload(article)
    assert page_state_label(article) == "Live"
    assert revision_state_label(article, article.live_revision) == "Live"


@pytest.mark.parametrize(("step", "label"), [
    (lambda page, a, r: page, "Draft"),
    (lambda page, a, r: in_review(page, a), "In review"),
    (lambda page, a, r: approved(page, a, r), "Approved (waiting to publish)"),
])
def test_a_page_never_published_reads_its_workflow_state(make_article, author, reviewer, step,
                                                         label):
    assert page_state_label(step(make_article(live=False), author, reviewer)) == label


def test_changes_requested(make_article, author, reviewer):
    article = in_review(make_article(live=False), author)
    workflow.request_changes(article, user=reviewer, note="Cite the label.")
    assert page_state_label(reload(article)) == "Changes requested"


@pytest.mark.parametrize(("step", "label"), [
    (lambda page, a, r: page, "Live with unpublished changes (draft)"),
    (lambda page, a, r: in_review(page, a), "Live with unpublished changes (in review)"),
    (lambda page, a, r: approved(page, a, r),
     "Live with unpublished changes (approved, waiting to publish)"),
])
def test_a_live_page_with_a_newer_revision_says_so(make_article, author, reviewer, edit, step,
                                                   label):
    article = make_article()
    edit(article, author, title="Newer")
    article = step(reload(article), author, reviewer)
    assert page_state_label(article) == label
    assert revision_state_label(article, article.live_revision).startswith("Live")


def test_scheduled_unpublished_and_archived(make_article, author, reviewer, publisher):
    article = approved(make_article(live=False), author, reviewer)
    workflow.schedule(article, user=publisher, go_live_at=timezone.now() + timedelta(days=1))
    assert page_state_label(reload(article)) == "Scheduled"
    workflow.unschedule(reload(article), user=publisher)
    workflow.publish(reload(article), user=publisher)
    workflow.unpublish(reload(article), user=publisher)
    article = reload(article)
    assert page_state_label(article) == "Unpublished"
    assert revision_state_label(article, article.live_revision) == "Unpublished"
    workflow.archive(article, user=publisher)
    assert page_state_label(reload(article)) == "Archived"


def test_an_earlier_live_revision_reads_was_live_in_the_history(make_article, author, reviewer,
                                                               publisher, edit, client,
                                                               login_staff):
    article = make_article(title="First")
    first = article.live_revision
    edit(article, author, title="Second")
    article = approved(reload(article), author, reviewer)
    workflow.publish(article, user=publisher)
    login_staff(client, author)
    html = client.get(admin_url(article, "history")).text
    row = html.split(f'id="revision-{first.pk}"')[1].split("</tr>")[0]
    assert "Was live (replaced)" in row


def test_the_list_and_the_history_agree_on_a_bundled_live_page(make_article, admin_user, client,
                                                               login_staff):
    """The clinician's report: "Live · Draft" in the list, "Draft" for the live revision."""
    article = make_article(title="Bundled")
    login_staff(client, admin_user)
    listing = client.get("/admin/articles/article/").text
    assert "Live · Draft" not in listing
    assert "Live (not yet clinically reviewed)" in listing
    history = client.get(admin_url(article, "history")).text
    row = history.split(f'id="revision-{article.live_revision_id}"')[1].split("</tr>")[0]
    assert "Live (not yet clinically reviewed)" in row and "Draft" not in row
    status = history.split('class="editorial-status"')[1].split("</div>")[0]
    assert "Live (not yet clinically reviewed)" in status


def test_the_list_filter_uses_the_same_words_and_agrees_with_the_labels(
        make_article, author, reviewer, publisher, edit, admin_user, client, login_staff):
    """Every page lands under the filter named like its State column (no "Approved" vs
    "Approved (waiting to publish)", no separate "live" yes/no filter)."""
    from articles.models import Article
    from editorial.states import state_filters

    make_article("bundled")
    edit(make_article("edited"), author, title="Edited")
    in_review(make_article("draft-in-review", live=False), author)
    approved(make_article("approved", live=False), author, reviewer)
    make_article("plain-draft", live=False)
    gone = approved(make_article("gone", live=False), author, reviewer)
    workflow.publish(gone, user=publisher)
    workflow.unpublish(reload(gone), user=publisher)
    reviewed = approved(make_article("reviewed", live=False), author, reviewer)
    workflow.publish(reviewed, user=publisher)
    workflow.archive(make_article("archived"), user=publisher)
    for key, (label, condition) in state_filters().items():
        filtered = set(Article.objects.filter(condition).values_list("slug", flat=True))
        labelled = {page.slug for page in Article.objects.all()
                    if page_state_label(page).startswith(str(label))
                    and (key != "live" or page_state_label(page) == "Live")}
        assert filtered == labelled, key
    login_staff(client, admin_user)
    html = client.get("/admin/articles/article/", {"state": "live_not_reviewed"}).text
    assert "By state" in html and "By live" not in html and "By workflow state" not in html
    results = html.split('id="result_list"')[1]
    assert ">Bundled<" in results and ">Reviewed<" not in results
