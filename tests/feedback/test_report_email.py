"""The report form's email field takes only an email address, and says so kindly."""

import pytest

from feedback.models import ProblemReport
from tests.feedback.conftest import report_data

pytestmark = pytest.mark.django_db


def test_a_report_with_an_invalid_email_is_refused_and_keeps_what_was_typed(
        client, make_article, post_form):
    article = make_article("tolerance")
    response = post_form(client, "/feedback/report/", report_data(
        article, contact="not-an-email", what_is_wrong="Typo in the second line."))
    page = response.content.decode()
    assert response.status_code == 400
    assert not ProblemReport.objects.exists()
    assert "Enter an email address" in page
    assert 'value="not-an-email"' in page and "Typo in the second line." in page
    assert 'aria-describedby="report-contact-error"' in page


def test_a_report_with_a_valid_or_no_email_is_kept(client, make_article, post_form):
    article = make_article("tolerance")
    post_form(client, "/feedback/report/", report_data(article, contact="me@example.org"))
    post_form(client, "/feedback/report/", report_data(article, contact=""))
    assert sorted(ProblemReport.objects.values_list("contact", flat=True)) == [
        "", "me@example.org"]


def test_the_email_field_is_an_email_input(client, make_article):
    make_article("tolerance")
    page = client.get("/articles/tolerance/").content.decode()
    assert 'id="report-contact" name="contact" type="email"' in page
