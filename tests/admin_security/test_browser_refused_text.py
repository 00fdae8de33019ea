"""Finding 2 in the editor: text too dense to render is refused with the reason, as you type."""

import os

import pytest

from tests.admin_security.test_browser import (  # noqa: F401  (fixtures)
    in_chromium,
    new_authenticator,
    sign_in_with_set_up,
    writer,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("EDITOR_SCREENSHOTS")  # a folder, to look at the result by hand


def test_the_writing_checks_say_why_dense_text_is_refused(in_chromium, live_server,  # noqa: F811
                                                        writer):  # noqa: F811
    device = new_authenticator(writer)

    def scenario(browser):
        watched = sign_in_with_set_up(live_server, browser, writer, device)
        page = watched.page
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/admin/articles/article/add/")
            page.locator("#id_body").fill("Tolerance.\n\n" + "[" * 300)
            checks = page.locator(".editor-checks")
            checks.get_by_text("One paragraph has more than 200").wait_for()
            assert "Split it with blank lines" in checks.inner_text()
            if SCREENSHOTS:
                checks.scroll_into_view_if_needed()
                page.screenshot(path=f"{SCREENSHOTS}/editor-refused-{width}.png")
        watched.assert_no_violations()

    in_chromium(scenario)
