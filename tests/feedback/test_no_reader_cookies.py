"""Readers get no cookies and identical bytes; the forms work without any cookie or token."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from feedback.models import HelpfulVote, ProblemReport, SubmissionCount
from tests.feedback.conftest import form_post, helpful_data, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(make_article, make_term, make_page, topic):
    article = make_article("tolerance", topics=[topic])
    make_term("withdrawal")
    for slug in ("about", "editorial-policy", "privacy"):
        make_page(slug)
    return article


PUBLIC_URLS = ["/", "/articles/", "/articles/tolerance/", "/topics/dependence/", "/glossary/",
               "/glossary/withdrawal/", "/about/", "/editorial-policy/", "/privacy/",
               "/urgent-help/", "/search/?q=tolerance", "/feedback/thanks/",
               "/feedback/thanks/?sent=report&back=/articles/tolerance/", "/no-such-page/"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_an_anonymous_get_sets_no_cookie(site, url):
    response = Client().get(url)
    assert response.status_code in (200, 404), url
    assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("url", ["/articles/tolerance/", "/glossary/withdrawal/", "/about/"])
def test_pages_with_forms_carry_no_per_reader_token_and_are_identical(site, url):
    first, second = Client().get(url), Client().get(url)
    assert "csrfmiddlewaretoken" not in first.text
    assert first.content == second.content


@pytest.mark.parametrize("url", ["/articles/tolerance/", "/glossary/withdrawal/", "/about/"])
def test_pages_with_forms_offer_the_helpful_and_report_forms(site, url):
    html = Client().get(url).text
    assert 'action="/feedback/helpful/"' in html and 'action="/feedback/report/"' in html
    assert "Was this page helpful?" in html and "Report a problem with this page" in html


def test_the_forms_work_with_no_cookie_and_set_none(site):
    reader = Client(enforce_csrf_checks=True)
    for url, data in [("/feedback/helpful/", helpful_data(site)),
                      ("/feedback/report/", report_data(site))]:
        response = form_post(reader, url, data, HTTP_ORIGIN="http://testserver",
                             HTTP_SEC_FETCH_SITE="same-origin")
        assert response.status_code == 303, url
        assert not response.cookies
    assert HelpfulVote.objects.count() == 1 and ProblemReport.objects.count() == 1


def test_purge_feedback_deletes_what_is_past_its_retention(site, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    settings.PROBLEM_REPORT_RETENTION_DAYS = 60
    content_type = ContentType.objects.get_for_model(site)
    old, recent = timezone.now() - timedelta(days=61), timezone.now() - timedelta(days=29)
    for created in (old, recent):
        HelpfulVote.objects.create(content_type=content_type, object_id=site.pk, helpful=True,
                                   created_at=created)
        ProblemReport.objects.create(content_type=content_type, object_id=site.pk,
                                     what_is_wrong="x", created_at=created)
    SubmissionCount.objects.create(scope="helpful", client="a" * 64, window_start=old, count=1)
    out = StringIO()
    call_command("purge_feedback", stdout=out)
    assert list(HelpfulVote.objects.values_list("created_at", flat=True)) == [recent]
    assert list(ProblemReport.objects.values_list("created_at", flat=True)) == [recent]
    assert not SubmissionCount.objects.exists()
    assert "1 helpful votes deleted" in out.getvalue()


def test_a_new_submission_also_purges_expired_feedback(site, settings, post_form):
    settings.FEEDBACK_RETENTION_DAYS = 30
    HelpfulVote.objects.create(content_type=ContentType.objects.get_for_model(site),
                               object_id=site.pk, helpful=True,
                               created_at=timezone.now() - timedelta(days=31))
    post_form(Client(), "/feedback/helpful/", helpful_data(site))
    assert HelpfulVote.objects.count() == 1


def test_a_correction_shows_at_once_on_a_page_readers_already_cached(site, client):
    from datetime import date

    from feedback.models import Correction

    assert "Corrected on" not in client.get("/articles/tolerance/").text
    Correction.objects.create(content_type=ContentType.objects.get_for_model(site),
                              object_id=site.pk, corrected_on=date(2026, 2, 3), note="Fixed.")
    assert "Corrected on" in client.get("/articles/tolerance/").text


def test_reader_feedback_does_not_empty_the_page_cache(site, post_form):
    from core.caching import generation

    before = generation()
    post_form(Client(), "/feedback/helpful/", helpful_data(site))
    post_form(Client(), "/feedback/report/", report_data(site))
    assert generation() == before
