"""The helpful and report forms: no token, same-origin only, capped, rate-limited, private."""

import pytest
from django.core import mail
from django.test import override_settings

from feedback.models import HelpfulVote, ProblemReport, SubmissionCount
from tests.feedback.conftest import form_post, helpful_data, report_data

pytestmark = pytest.mark.django_db


def test_a_yes_answer_with_a_comment_is_stored_with_the_page_and_revision(
        client, make_article, post_form):
    article = make_article("tolerance")
    response = post_form(client, "/feedback/helpful/",
                         helpful_data(article, helpful="no", comment="Too long."))
    assert response.status_code == 303
    vote = HelpfulVote.objects.get()
    assert vote.page == article and vote.revision_id == article.live_revision_id
    assert vote.helpful is False and vote.comment == "Too long."


def test_the_answer_redirects_to_a_thank_you_page_linking_back(client, make_article, post_form):
    article = make_article("tolerance")
    response = post_form(client, "/feedback/helpful/", helpful_data(article))
    assert response["Location"].startswith("/feedback/thanks/")
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert 'href="/articles/tolerance/"' in thanks.text


def test_a_report_is_stored_as_new_with_the_revision_the_reader_saw(
        client, make_article, post_form):
    article = make_article("tolerance")
    seen = article.live_revision_id
    article.publish(article.save_revision(
        content={**article.serialize_content(), "title": "Newer"}), actor_label="test")
    response = post_form(client, "/feedback/report/",
                         report_data(article, revision=seen, contact="me@example.org"))
    assert response.status_code == 303
    report = ProblemReport.objects.get()
    assert report.page == article and report.revision_id == seen
    assert report.status == ProblemReport.Status.NEW and report.contact == "me@example.org"


def test_a_revision_of_another_page_is_replaced_by_the_live_one(client, make_article, post_form):
    article, other = make_article("tolerance"), make_article("withdrawal")
    post_form(client, "/feedback/report/", report_data(article, revision=other.live_revision_id))
    assert ProblemReport.objects.get().revision_id == article.live_revision_id


def test_reports_work_on_glossary_terms_and_site_pages(client, make_term, make_page, post_form):
    term, page = make_term("tolerance"), make_page("about")
    assert post_form(client, "/feedback/report/", report_data(term, "term")).status_code == 303
    assert post_form(client, "/feedback/helpful/", helpful_data(page, "page")).status_code == 303
    assert ProblemReport.objects.get().page == term
    assert HelpfulVote.objects.get().page == page


def test_a_new_report_emails_the_editors_without_the_readers_contact(
        client, make_article, post_form):
    article = make_article("tolerance", title="What tolerance means")
    with override_settings(EDITOR_NOTIFICATION_EMAILS=["a@example.org", "b@example.org"]):
        post_form(client, "/feedback/report/",
                  report_data(article, contact="reader@example.net"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.org", "b@example.org"]
    assert "What tolerance means" in message.subject
    assert "says the opposite of its source" in message.body
    assert "/admin/feedback/problemreport/" in message.body
    assert "reader@example.net" not in message.body


def test_a_helpful_answer_sends_no_email(client, make_article, post_form):
    post_form(client, "/feedback/helpful/", helpful_data(make_article("tolerance")))
    assert mail.outbox == []


def test_a_post_from_another_site_is_refused(client, make_article):
    article = make_article("tolerance")
    response = form_post(client, "/feedback/report/", report_data(article),
                           HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not ProblemReport.objects.exists() and mail.outbox == []


def test_a_cross_origin_post_is_refused_even_without_sec_fetch_site(client, make_article):
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")),
                           HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not HelpfulVote.objects.exists()


def test_a_post_with_a_null_origin_is_refused(client, make_article):
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")),
                           HTTP_ORIGIN="null")
    assert response.status_code == 403


def test_a_post_claiming_our_origin_but_marked_cross_site_is_refused(client, make_article):
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")),
                           HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403


def test_a_post_from_a_sibling_subdomain_is_refused(client, make_article):
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")),
                           HTTP_ORIGIN="http://evil.testserver", HTTP_SEC_FETCH_SITE="same-site")
    assert response.status_code == 403


def test_a_post_with_neither_origin_nor_sec_fetch_site_is_refused(client, make_article):
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")))
    assert response.status_code == 403


def test_sec_fetch_site_same_origin_alone_is_accepted(client, make_article):
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")),
                           HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 303


def test_origin_alone_matching_the_request_host_is_accepted(client, make_article):
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")),
                           HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303


@override_settings(SITE_URL="https://benzo.example.org", ALLOWED_HOSTS=["127.0.0.1"])
def test_the_site_url_origin_is_accepted_behind_a_proxy(client, make_article):
    """Behind a proxy the app may see an internal host; SITE_URL names the public origin."""
    response = form_post(client, "/feedback/helpful/", helpful_data(make_article("tolerance")),
                           HTTP_HOST="127.0.0.1", HTTP_ORIGIN="https://benzo.example.org")
    assert response.status_code == 303


@override_settings(FEEDBACK_RATE_LIMIT=3)
def test_a_client_is_rate_limited_after_the_limit(client, make_article, post_form):
    article = make_article("tolerance")
    statuses = [post_form(client, "/feedback/report/", report_data(article)).status_code
                for _ in range(4)]
    assert statuses == [303, 303, 303, 429]
    assert ProblemReport.objects.count() == 3
    assert len(mail.outbox) == 3


@override_settings(FEEDBACK_RATE_LIMIT=1)
def test_the_limit_is_per_client(client, make_article, post_form):
    article = make_article("tolerance")
    first = post_form(client, "/feedback/helpful/", helpful_data(article),
                      REMOTE_ADDR="192.0.2.1")
    again = post_form(client, "/feedback/helpful/", helpful_data(article),
                      REMOTE_ADDR="192.0.2.1")
    other = post_form(client, "/feedback/helpful/", helpful_data(article),
                      REMOTE_ADDR="192.0.2.2")
    assert [first.status_code, again.status_code, other.status_code] == [303, 429, 303]


@override_settings(FEEDBACK_RATE_LIMIT=1)
def test_answers_and_reports_are_limited_separately(client, make_article, post_form):
    article = make_article("tolerance")
    assert post_form(client, "/feedback/helpful/", helpful_data(article)).status_code == 303
    assert post_form(client, "/feedback/report/", report_data(article)).status_code == 303


@override_settings(FEEDBACK_RATE_LIMIT=1)
def test_the_rate_limit_is_shared_through_the_database_and_stores_no_address(
        client, make_article, post_form):
    """Each worker has its own memory; the count lives in the database, as a keyed hash."""
    article = make_article("tolerance")
    post_form(client, "/feedback/helpful/", helpful_data(article), REMOTE_ADDR="198.51.100.7")
    row = SubmissionCount.objects.get()
    assert row.count == 1 and len(row.client) == 64
    assert "198.51.100.7" not in row.client
    assert "198.51.100.7" not in str(list(HelpfulVote.objects.values()))


def test_an_oversized_body_is_refused_before_it_is_read(client, make_article, post_form):
    article = make_article("tolerance")
    response = post_form(client, "/feedback/report/",
                         report_data(article, what_is_wrong="x" * 40_000))
    assert response.status_code == 413
    assert not ProblemReport.objects.exists()


def test_a_too_long_comment_is_refused_and_shown_back(client, make_article, post_form):
    article = make_article("tolerance")
    response = post_form(client, "/feedback/helpful/", helpful_data(article, comment="y" * 1001))
    assert response.status_code == 400
    assert "y" * 1001 in response.text
    assert not HelpfulVote.objects.exists()


def test_an_empty_report_asks_what_is_wrong(client, make_article, post_form):
    article = make_article("tolerance")
    response = post_form(client, "/feedback/report/", report_data(article, what_is_wrong="  "))
    assert response.status_code == 400
    assert "Tell us what is wrong" in response.text


def test_an_answer_needs_yes_or_no(client, make_article, post_form):
    article = make_article("tolerance")
    data = helpful_data(article)
    del data["helpful"]
    assert post_form(client, "/feedback/helpful/", data).status_code == 400


def test_feedback_on_a_draft_is_refused(client, make_article, post_form):
    draft = make_article("secret", live=False)
    response = post_form(client, "/feedback/report/",
                         {"kind": "article", "page": draft.pk, "what_is_wrong": "x"})
    assert response.status_code == 400
    assert "secret" not in response.text.lower()
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize("data", [
    {},
    {"kind": "user", "page": "1", "helpful": "yes"},
    {"kind": "article", "page": "99999999999999999999999999", "helpful": "yes"},
    {"kind": "article", "page": "-1", "helpful": "yes"},
    {"kind": "article", "page": "abc", "revision": "1e9", "helpful": "maybe"},
    {"kind": "article", "page": "1", "comment": "a\x00b", "helpful": "yes"},
])
def test_bad_input_gets_a_400_page_never_a_500(client, make_article, post_form, data):
    make_article("tolerance")
    assert post_form(client, "/feedback/helpful/", data).status_code == 400


def test_a_body_that_is_not_a_plain_html_form_is_refused(client, make_article):
    make_article("tolerance")
    response = client.generic("POST", "/feedback/helpful/", b"--x\r\nbroken",
                              content_type="multipart/form-data; boundary=",
                              HTTP_ORIGIN="http://testserver")
    assert response.status_code == 400
    assert not HelpfulVote.objects.exists()


def test_markup_in_a_comment_is_stored_as_plain_text(client, make_article, post_form):
    article = make_article("tolerance")
    post_form(client, "/feedback/helpful/",
              helpful_data(article, comment="<b>bold</b> <script>x</script>"))
    assert HelpfulVote.objects.get().comment == "<b>bold</b> <script>x</script>"


def test_comments_and_reports_are_never_shown_on_public_pages(client, make_article, post_form):
    article = make_article("tolerance")
    post_form(client, "/feedback/helpful/", helpful_data(article, comment="Secret comment"))
    post_form(client, "/feedback/report/", report_data(article, what_is_wrong="Secret report"))
    for url in ["/", "/articles/", "/articles/tolerance/", "/feedback/thanks/"]:
        html = client.get(url).text
        assert "Secret comment" not in html and "Secret report" not in html


def test_the_forms_only_accept_post(client):
    assert client.get("/feedback/helpful/").status_code == 405
    assert client.get("/feedback/report/").status_code == 405


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example/", "/\\evil.example",
                                  "javascript:alert(1)"])
def test_the_thank_you_page_links_back_only_within_the_site(client, back):
    html = client.get("/feedback/thanks/", {"back": back}).text
    assert "evil" not in html and "javascript:" not in html


def test_the_form_responses_are_never_cached(client, make_article, post_form):
    response = post_form(client, "/feedback/helpful/", helpful_data(make_article("tolerance")))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
