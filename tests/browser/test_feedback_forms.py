"""The feedback and report forms in a real Chromium with JavaScript off, and the trust pages."""

from __future__ import annotations

import pytest

from feedback.models import HelpfulVote, ProblemReport

pytestmark = pytest.mark.browser


def test_a_reader_answers_was_this_page_helpful_without_javascript(open_page, reader_site):
    page = open_page(reader_site.article, javascript=False)
    form = page.locator("form.helpful-form")
    form.get_by_label("No").check()
    form.get_by_label("Tell us more (optional)").fill("The second part lost me.")
    form.get_by_role("button", name="Send").click()
    page.wait_for_url("**/feedback/thanks/**")
    assert page.locator("h1").inner_text() == "Thank you"
    vote = HelpfulVote.objects.get()
    assert vote.helpful is False and vote.comment == "The second part lost me."
    assert vote.page.get_absolute_url() == reader_site.article
    page.get_by_role("link", name="Back to the page you were reading").click()
    assert page.url.endswith(reader_site.article)
    assert page.context.cookies() == []


def test_a_reader_reports_a_problem_on_a_term_without_javascript(open_page, reader_site):
    page = open_page(reader_site.term, javascript=False)
    page.get_by_text("Report a problem with this page").click()
    page.get_by_label("What is wrong?").fill("The definition mixes up two words.")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**/feedback/thanks/?sent=report**")
    assert "An editor will look at your report" in page.content()
    report = ProblemReport.objects.get()
    assert report.what_is_wrong == "The definition mixes up two words."
    assert report.revision_id == report.page.live_revision_id
    assert page.context.cookies() == []


def test_the_browser_will_not_send_a_report_with_nothing_in_it(open_page, reader_site):
    page = open_page(reader_site.article, javascript=False)
    page.get_by_text("Report a problem with this page").click()
    page.get_by_role("button", name="Send report").click()
    assert "/feedback/" not in page.url
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize("path", ["/about/", "/editorial-policy/", "/privacy/"])
def test_trust_pages_have_no_accessibility_violations(open_page, reader_site, axe_violations,
                                                      path):
    page = open_page(path)
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], "\n".join(map(str, violations))


def test_the_forms_on_an_article_have_no_accessibility_violations_when_open(
        open_page, reader_site, axe_violations):
    page = open_page(reader_site.article)
    page.get_by_text("Report a problem with this page").click()
    violations = axe_violations(page)
    assert violations == [], "\n".join(map(str, violations))
