"""In a real browser: a reader follows a citation to its source and comes back."""

from io import StringIO
from pathlib import Path

import pytest

from tests.browser.conftest import launch_chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def page(live_server):
    from django.core.management import call_command

    call_command("import_content", str(CONTENT / "topics"), str(CONTENT / "articles"),
                 "--publish", stdout=StringIO(), stderr=StringIO())
    manager, browser = launch_chromium()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 800},
                                  reduced_motion="reduce")
    yield context.new_page()
    context.close()
    browser.close()
    manager.stop()


def test_a_reader_follows_a_citation_to_its_source_and_back(page):
    page.goto("/articles/dependence-when-taken-as-prescribed/")
    citation = page.get_by_role("link", name="Source 4").first  # the clonazepam label
    assert citation.inner_text() == "[4]"
    citation.click()
    page.wait_for_url("**#source-klonopin-label")
    source = page.locator("#source-klonopin-label")
    assert source.is_visible() and "Klonopin" in source.inner_text()
    assert page.locator(".references li").nth(3).get_attribute("id") == "source-klonopin-label"
    page.get_by_role("link", name="Back to where source 4 is first cited").click()
    page.wait_for_url("**#cite-klonopin-label")
    assert page.locator("#cite-klonopin-label").is_visible()
