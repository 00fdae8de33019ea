"""The editorial admin pages: history, comparing revisions, preview, notes, dashboard, log."""

import pytest
from django.urls import reverse

from editorial import workflow
from editorial.models import ActionLog
from editorial.roles import ADMINISTRATOR
from tests.editorial.helpers import admin_url, reload, seen

pytestmark = pytest.mark.django_db


def test_history_lists_every_revision_with_author_time_and_state(make_article, author, edit,
                                                                 client, login_staff):
    article = make_article(title="First")
    edit(article, author, title="Second")
    workflow.submit(reload(article), user=author)
    login_staff(client, author)
    html = client.get(admin_url(article, "history")).content.decode()
    assert f'id="revision-{article.live_revision_id}"' in html
    assert f'id="revision-{reload(article).latest_revision_id}"' in html
    assert author.username in html and "In review" in html
    assert "Submitted for review" in html  # the action log, on the same page


def test_history_shows_only_the_buttons_the_person_may_use(make_article, reviewer, client,
                                                           login_staff):
    article = make_article()
    login_staff(client, reviewer)
    html = client.get(admin_url(article, "history")).content.decode()
    assert admin_url(article, "workflow", "approve") in html
    assert admin_url(article, "workflow", "publish") not in html


def test_change_form_links_to_history_and_preview(make_article, author, client, login_staff):
    article = make_article()
    login_staff(client, author)
    html = client.get(admin_url(article, "change")).content.decode()
    assert admin_url(article, "history") in html
    assert admin_url(article, "preview", article.latest_revision_id) in html
    assert "Not yet clinically reviewed" in html or "not yet clinically reviewed" in html


def test_change_form_edits_the_latest_draft_of_a_live_page(make_article, author, edit, client,
                                                           login_staff):
    article = make_article(title="Live title")
    edit(article, author, title="Draft title")
    login_staff(client, author)
    html = client.get(admin_url(article, "change")).content.decode()
    assert 'value="Draft title"' in html


def test_compare_shows_both_revisions_side_by_side_escaped(make_article, author, edit, client,
                                                           login_staff):
    article = make_article(body="Old line.\n")
    old = article.latest_revision
    new = edit(article, author, body="<script>alert(1)</script> New line.\n")
    login_staff(client, author)
    response = client.get(admin_url(article, "compare"), {"a": old.pk, "b": new.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>Old</del> line." in html and " New</ins> line." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Body as readers will see it" in html


def test_compare_with_nonsense_ids_is_not_an_error(make_article, author, client, login_staff):
    article = make_article()
    login_staff(client, author)
    assert client.get(admin_url(article, "compare"), {"a": "x", "b": "99999"}).status_code == 404
    assert client.get(admin_url(article, "compare"), {"a": "x"}).status_code == 200


def test_preview_renders_the_public_template_marked_and_never_cached(make_article, author,
                                                                     edit, client, login_staff):
    article = make_article(title="Live title")
    draft = edit(article, author, title="Draft title", body="## Section\n\nDraft words.\n")
    login_staff(client, author)
    response = client.get(admin_url(article, "preview", draft.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Draft title</h1>" in html and "Draft words." in html
    assert 'class="preview-banner"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "Draft title" not in client.get("/articles/tolerance/").content.decode()


def test_preview_of_a_glossary_term_uses_the_term_template(make_term, author, edit, client,
                                                           login_staff):
    term = make_term("tolerance", short="The live sentence.")
    draft = edit(term, author, short_definition="A draft sentence.")
    login_staff(client, author)
    html = client.get(admin_url(term, "preview", draft.pk)).content.decode()
    assert "A draft sentence." in html and 'class="preview-banner"' in html


def test_preview_of_another_pages_revision_is_not_found(make_article, author, client,
                                                        login_staff):
    first, second = make_article("first"), make_article("second")
    login_staff(client, author)
    url = admin_url(first, "preview", second.latest_revision_id)
    assert client.get(url).status_code == 404


def test_reviewer_note_appears_on_the_revision(make_article, reviewer, client, login_staff):
    article = make_article()
    login_staff(client, reviewer)
    client.post(admin_url(article, "note", article.latest_revision_id),
                {"text": "The second <b>reference</b> is outdated."})
    html = client.get(admin_url(article, "history")).content.decode()
    assert "The second &lt;b&gt;reference&lt;/b&gt; is outdated." in html


def test_schedule_with_a_malformed_time_is_refused_politely(approved_draft, publisher, client,
                                                            login_staff):
    login_staff(client, publisher)
    response = client.post(admin_url(approved_draft, "workflow", "schedule"),
                           {"go_live_at": "next tuesday", **seen(approved_draft.latest_revision)},
                           follow=True)
    assert response.status_code == 200
    assert reload(approved_draft).go_live_at is None
    assert "Enter the go-live time" in response.content.decode()


def test_a_refused_transition_explains_why(make_article, publisher, client, login_staff):
    article = make_article()
    login_staff(client, publisher)
    response = client.post(admin_url(article, "workflow", "publish"),
                           seen(article.latest_revision), follow=True)
    assert "approved by a clinical reviewer" in response.content.decode()


def test_dashboard_lists_pages_needing_attention(make_article, approved_draft, author, edit,
                                                 client, login_staff):
    never = make_article("never-reviewed", title="Never reviewed page")
    in_review = make_article("in-review", title="Page in review", live=False)
    workflow.submit(in_review, user=author)
    login_staff(client, author)
    response = client.get(reverse("admin:editorial_reviewdashboard_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Page in review" in html and "Never reviewed page" in html
    assert "Reviewed title" not in html  # approved drafts are listed under the live title
    assert str(approved_draft) in html
    assert admin_url(never, "history") in html


def test_dashboard_is_linked_from_the_admin_index(client, login_staff, author):
    login_staff(client, author)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:editorial_reviewdashboard_changelist") in html


def test_action_log_filters_by_person_page_and_action(approved_draft, make_article, reviewer,
                                                      make_staff, client, login_staff):
    other = make_article("other", title="Other page")
    login_staff(client, make_staff(ADMINISTRATOR))
    url = reverse("admin:editorial_actionlog_changelist")

    def listed(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {(e.action, e.object_repr) for e in response.context["cl"].result_list}

    assert listed(actor__id__exact=reviewer.pk) == {("approve", "Live title")}
    content_type_id = ActionLog.objects.filter(object_id=other.pk).first().content_type_id
    by_page = listed(page=f"{content_type_id}-{other.pk}")
    assert by_page and all(name == "Other page" for _action, name in by_page)
    assert listed(action__exact="submit") == {("submit", "Live title")}
    assert listed(page="nonsense") == listed()


def test_action_log_is_append_only_even_for_administrators(approved_draft, make_staff, client,
                                                            login_staff):
    login_staff(client, make_staff(ADMINISTRATOR))
    entry = ActionLog.objects.first()
    url = reverse("admin:editorial_actionlog_delete", args=[entry.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ActionLog.objects.filter(pk=entry.pk).exists()


def test_creating_through_the_admin_makes_a_draft_that_readers_cannot_see(author, client,
                                                                          login_staff):
    from articles.models import Article

    login_staff(client, author)
    client.post(reverse("admin:articles_article_add"), {
        "title": "Brand new", "slug": "brand-new", "summary": "A plain summary.",
        "body": "Plain words.", "key_points": "[]", "references": "[]", "notices": "[]",
        "glossary_exclude": "[]", "language": "en", "review_interval_months": "12"})
    article = Article.objects.get(slug="brand-new")
    assert not article.live and article.workflow_state == "draft"
    assert ActionLog.objects.filter(action="create", actor=author).exists()
    assert client.get("/articles/brand-new/").status_code == 404


def test_changing_the_review_interval_is_a_draft_change_and_is_logged(make_article, reviewer,
                                                                     author, client,
                                                                     login_staff):
    """The live page keeps its due date; the new interval waits in the revision."""
    article = make_article()
    workflow.approve(article, user=reviewer)
    article = reload(article)
    login_staff(client, author)
    content = article.latest_revision.content
    client.post(admin_url(article, "change"), {
        **{k: content[k] for k in ("title", "summary", "body", "language")}, "slug": "tolerance",
        "key_points": '["One point."]', "references": "[]", "notices": "[]",
        "glossary_exclude": "[]", "review_interval_months": "24"})
    updated = reload(article)
    assert updated.review_interval_months == 12
    assert updated.next_review_due == article.next_review_due
    assert updated.latest_revision.content["review_interval_months"] == 24
    assert ActionLog.objects.filter(action="review_cycle", object_id=article.pk,
                                    revision=updated.latest_revision).exists()


def test_a_review_interval_over_three_years_is_refused(make_article, author, client,
                                                       login_staff):
    article = make_article()
    login_staff(client, author)
    content = article.latest_revision.content
    response = client.post(admin_url(article, "change"), {
        **{k: content[k] for k in ("title", "summary", "body", "language")}, "slug": "tolerance",
        "key_points": "[]", "references": "[]", "notices": "[]", "glossary_exclude": "[]",
        "review_interval_months": "48"})
    assert response.status_code == 200  # the form again, with the error
    assert reload(article).review_interval_months == 12
