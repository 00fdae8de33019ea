"""Editors' side: answers counted per page, reports triaged, corrections added and shown."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from feedback.models import Correction, HelpfulVote, ProblemReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, login_staff):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 20)
    login_staff(client, user)
    return user


def about(page, **fields):
    return {"content_type": ContentType.objects.get_for_model(page), "object_id": page.pk,
            "revision_id": page.live_revision_id, **fields}


def test_editors_see_yes_no_and_comment_counts_per_page(client, editor, make_article):
    tolerance, withdrawal = make_article("tolerance", title="Tolerance"), make_article("withdrawal")
    for helpful, comment in [(True, ""), (False, "Confusing"), (False, "")]:
        HelpfulVote.objects.create(**about(tolerance, helpful=helpful, comment=comment))
    HelpfulVote.objects.create(**about(withdrawal, helpful=True))
    html = client.get("/admin/feedback/helpfulvote/").text
    assert "<td>Tolerance</td><td>1</td><td>2</td><td>1</td>" in html
    assert "Confusing" in html


def test_an_editor_can_list_one_pages_answers(client, editor, make_article):
    tolerance, withdrawal = make_article("tolerance"), make_article("withdrawal")
    HelpfulVote.objects.create(**about(tolerance, helpful=False, comment="About tolerance"))
    HelpfulVote.objects.create(**about(withdrawal, helpful=False, comment="About withdrawal"))
    content_type = ContentType.objects.get_for_model(tolerance)
    response = client.get("/admin/feedback/helpfulvote/",
                          {"content_type__id__exact": content_type.pk,
                           "object_id": tolerance.pk})
    assert response.status_code == 200
    results = response.text.split("All answers")[-1]
    assert "About tolerance" in results and "About withdrawal" not in results


def test_readers_answers_cannot_be_rewritten_in_the_admin(client, editor, make_article):
    vote = HelpfulVote.objects.create(**about(make_article("tolerance"), helpful=True,
                                              comment="Original"))
    client.post(f"/admin/feedback/helpfulvote/{vote.pk}/change/", {"comment": "Edited"})
    vote.refresh_from_db()
    assert vote.comment == "Original"


@pytest.mark.parametrize(("action", "status"), [
    ("mark_in_progress", ProblemReport.Status.IN_PROGRESS),
    ("mark_fixed", ProblemReport.Status.FIXED),
    ("mark_wont_fix", ProblemReport.Status.WONT_FIX),
])
def test_editors_triage_reports_with_admin_actions(client, editor, make_article, action, status):
    report = ProblemReport.objects.create(**about(make_article("tolerance"), what_is_wrong="x"))
    client.post("/admin/feedback/problemreport/",
                {"action": action, "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == status and report.updated_by == editor


def test_an_editor_moves_a_report_through_its_states_with_a_note(client, editor, make_article):
    report = ProblemReport.objects.create(**about(make_article("tolerance"), what_is_wrong="x"))
    url = f"/admin/feedback/problemreport/{report.pk}/change/"
    for status in ["in_progress", "fixed"]:
        response = client.post(url, {"status": status, "editor_note": f"Now {status}"})
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.status == status and report.editor_note == f"Now {status}"


def test_reports_can_be_filtered_by_state(client, editor, make_article):
    article = make_article("tolerance")
    ProblemReport.objects.create(**about(article, what_is_wrong="Still new"))
    ProblemReport.objects.create(**about(article, what_is_wrong="Done already",
                                         status=ProblemReport.Status.FIXED))
    html = client.get("/admin/feedback/problemreport/", {"status__exact": "new"}).text
    assert "Still new" in html and "Done already" not in html


def test_a_readers_report_text_cannot_be_rewritten(client, editor, make_article):
    report = ProblemReport.objects.create(**about(make_article("tolerance"),
                                                  what_is_wrong="Original"))
    client.post(f"/admin/feedback/problemreport/{report.pk}/change/",
                {"status": "new", "editor_note": "", "what_is_wrong": "Edited"})
    report.refresh_from_db()
    assert report.what_is_wrong == "Original"


def test_a_report_links_to_the_pages_edit_form_to_write_a_correction(client, editor,
                                                                    make_article):
    article = make_article("tolerance")
    report = ProblemReport.objects.create(**about(article, what_is_wrong="x"))
    html = client.get(f"/admin/feedback/problemreport/{report.pk}/change/").text
    assert f"/admin/articles/article/{article.pk}/change/" in html
    assert "/admin/feedback/correction/add/" not in html


def test_a_published_revisions_correction_note_shows_dated_the_day_it_went_live(
        client, editor, make_article):
    article = make_article("tolerance")
    note = "We said tolerance was addiction. It is not, and the page now says so."
    revision = article.save_revision(user=editor, content={
        **article.latest_revision.content, "correction_note": note})
    article.publish(revision, actor_label="test")
    correction = Correction.objects.get()
    assert correction.page == article and correction.created_by == editor
    assert correction.revision_id == revision.pk
    today = timezone.localdate()
    html = client.get("/articles/tolerance/").text
    assert f'Corrected on <time datetime="{today:%Y-%m-%d}">' in html
    assert "We said tolerance was addiction." in html


def test_correction_notes_are_not_added_in_the_admin_even_by_a_superuser(
        client, editor, make_article):
    """A note outside a revision would reach readers unreviewed."""
    article = make_article("tolerance")
    response = client.post("/admin/feedback/correction/add/", {
        "page_choice": f"article:{article.pk}", "corrected_on": "2026-03-04", "note": "Fixed."})
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_a_correction_is_dated_today_unless_the_editor_says_otherwise():
    assert Correction._meta.get_field("corrected_on").get_default() == timezone.localdate()


def test_corrections_show_on_terms_and_site_pages(client, make_term, make_page):
    term, page = make_term("tolerance"), make_page("about")
    for target in (term, page):
        Correction.objects.create(content_type=ContentType.objects.get_for_model(target),
                                  object_id=target.pk, corrected_on=date(2026, 1, 2),
                                  note=f"Fixed {target.slug}.")
    assert "Fixed tolerance." in client.get("/glossary/tolerance/").text
    assert "Fixed about." in client.get("/about/").text


def test_a_correction_note_is_shown_as_plain_text(client, make_article):
    article = make_article("tolerance")
    Correction.objects.create(content_type=ContentType.objects.get_for_model(article),
                              object_id=article.pk, corrected_on=date(2026, 1, 2),
                              note="<script>alert(1)</script>")
    html = client.get("/articles/tolerance/").text
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_pages_without_corrections_show_no_corrections_section(client, make_article):
    make_article("tolerance")
    assert "Corrected on" not in client.get("/articles/tolerance/").text


def test_non_staff_cannot_reach_feedback_in_the_admin(client, make_article):
    for url in ["/admin/feedback/helpfulvote/", "/admin/feedback/problemreport/",
                "/admin/feedback/correction/add/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_page_without_corrections_costs_no_query_for_them(client, make_article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article("tolerance")
    with CaptureQueriesContext(connection) as queries:
        client.get("/articles/tolerance/")
    assert not [q for q in queries if q["sql"].startswith('SELECT "feedback_correction"')]


@pytest.mark.parametrize("changelist", ["/admin/feedback/helpfulvote/",
                                        "/admin/feedback/problemreport/",
                                        "/admin/feedback/correction/"])
def test_by_kind_of_page_lists_only_the_kinds_readers_give_feedback_on(client, editor,
                                                                      changelist):
    """Not sessions, axes attempts or TOTP devices: only articles, terms and pages."""
    from feedback import targets

    html = client.get(changelist).text
    filters = html[html.index('id="changelist-filter"'):]
    offered = set(re.findall(r"content_type__id__exact=(\d+)", filters))
    kinds = {str(targets.content_type_of(targets.model_for(kind)).pk) for kind in targets.kinds()}
    assert offered == kinds
    assert "TOTP device" not in filters and "access attempt" not in filters.lower()


def test_the_report_list_shows_the_report_as_wrapping_text(client, editor, make_article):
    text = "The dose table in the second section contradicts the FDA label it cites. " * 3
    ProblemReport.objects.create(**about(make_article("tolerance"), what_is_wrong=text))
    html = client.get("/admin/feedback/problemreport/").text
    assert f'<div class="feedback-report-text">{text.strip()}</div>' in html
    assert "feedback/admin.css" in html
