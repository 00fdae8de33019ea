"""The admin and its markdown editor work in a real Chromium under the site's CSP.

Debian's Chromium driven by Playwright, against pytest-django's live server. Every page is
watched for Content-Security-Policy violations (the browser's ``securitypolicyviolation``
events and its console) and for script errors. Without Playwright or Chromium the tests skip,
except with CI=true, where they fail.
"""

from __future__ import annotations

import base64
import os
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.models import Revision
from glossary.models import Term
from tests.admin_security.conftest import PASSWORD
from tests.editor.conftest import image_bytes

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script, so it sees violations from the very first one.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def in_chromium():
    """Run ``scenario(browser)`` against Chromium, in a thread of its own.

    Playwright's sync API allows one instance per thread, and the shared browser fixtures
    (tests/browser) keep theirs open for the whole session; a thread keeps the two apart.
    """
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

    def unavailable(reason):
        if ci:
            pytest.fail(f"{reason}; with CI=true the browser tests must run.", pytrace=False)
        pytest.skip(reason)

    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright for Python is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")

    def run(scenario):
        outcome = {}

        def work():
            from playwright.sync_api import sync_playwright

            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                         args=["--no-sandbox"])
                    try:
                        scenario(browser)
                    finally:
                        browser.close()
            except BaseException as error:  # handed to the test's own thread
                outcome["error"] = error

        thread = threading.Thread(target=work, name="chromium")
        thread.start()
        thread.join(timeout=240)
        assert not thread.is_alive(), "the browser scenario did not finish in 4 minutes"
        if "error" in outcome:
            raise outcome["error"]

    return run


def expect(locator):
    """Playwright's retrying assertions (imported late: the module loads without Playwright)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


class WatchedPage:
    """A page in a fresh context that records CSP violations and script errors."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(base_url=base_url)
        self.context.add_init_script(WATCH_CSP)
        self.page = self.context.new_page()
        self.console_violations: list[str] = []
        self.script_errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            self.console_violations.append(text)

    def assert_no_violations(self):
        events = self.page.evaluate("window.__cspViolations || []")
        assert events == [], events
        assert self.console_violations == [], self.console_violations
        assert self.script_errors == [], self.script_errors


@pytest.fixture
def writer(transactional_db):
    user = get_user_model().objects.create_user("writer", password=PASSWORD, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        codename__in=["view_article", "add_article", "change_article", "view_term"]))
    term = Term(slug="tolerance")
    term.publish(term.save_revision(content={
        "term": "tolerance", "slug": "tolerance", "aliases": [], "category": "concept",
        "short_definition": "The same dose works less well over time.", "definition": "",
        "language": "en", "related": []}, source=Revision.Source.IMPORT), actor_label="test")
    return user


def new_authenticator(user):
    """The unconfirmed authenticator the set-up page will show (it reuses this one)."""
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=False)


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def sign_in_with_set_up(live_server, browser, user, device):
    watched = WatchedPage(browser, live_server.url)
    page = watched.page
    page.goto("/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/login/setup/**")
    assert page.locator(".sign-in-qr svg").is_visible()
    watched.assert_no_violations()
    page.fill("#id_token", code_for(device))
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return watched


def test_first_sign_in_sets_up_an_authenticator_with_no_csp_violation(in_chromium,
                                                                      live_server, writer):
    device = new_authenticator(writer)

    def scenario(browser):
        watched = sign_in_with_set_up(live_server, browser, writer, device)
        assert watched.page.locator("#site-name").is_visible()
        watched.assert_no_violations()

    in_chromium(scenario)
    device.refresh_from_db()
    assert device.confirmed


def test_the_editor_previews_and_checks_as_you_type_with_no_csp_violation(in_chromium,
                                                                         live_server, writer):
    device = new_authenticator(writer)

    def scenario(browser):
        watched = sign_in_with_set_up(live_server, browser, writer, device)
        page = watched.page
        page.goto("/admin/articles/article/")
        watched.assert_no_violations()
        page.goto("/admin/articles/article/add/")
        page.locator("#id_body").fill(
            "Tolerance can grow.\n\n![](/static/missing.png)\n\n[old link](http://example.org/)\n")
        preview = page.locator(".markdownx-preview")
        preview.locator("a.gloss-term[href='/glossary/tolerance/']").wait_for()
        checks = page.locator(".editor-checks")
        checks.get_by_text("Images without alt text").wait_for()
        assert "http://example.org/" in checks.inner_text()
        assert "Reading grade" in checks.inner_text()
        watched.assert_no_violations()

    in_chromium(scenario)


def drop_file(page, data: bytes, name: str, mime: str):
    page.evaluate(
        """([b64, name, mime]) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type: mime}));
            const editor = document.querySelector("#id_body");
            editor.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [base64.b64encode(data).decode(), name, mime],
    )


def test_an_image_dropped_on_the_editor_is_uploaded_and_shown(in_chromium, live_server, writer,
                                                              settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    device = new_authenticator(writer)
    png = image_bytes("PNG", size=(120, 80))

    def scenario(browser):
        watched = sign_in_with_set_up(live_server, browser, writer, device)
        page = watched.page
        page.goto("/admin/articles/article/add/")
        drop_file(page, png, "photo.png", "image/png")
        body = page.locator("#id_body")
        expect(body).to_have_value(re.compile(r"/media/editor/[0-9a-f]{32}\.png"))
        body.press("End")
        body.type(" ")  # markdownx previews on input
        image = page.locator(".markdownx-preview img[src^='/media/editor/']")
        image.wait_for()
        expect(image).to_have_js_property("naturalWidth", 120)  # it really loaded
        page.locator(".editor-checks").get_by_text("Images without alt text").wait_for()
        watched.assert_no_violations()

    in_chromium(scenario)


def test_a_refused_upload_says_why_beside_the_editor(in_chromium, live_server, writer, settings,
                                                     tmp_path):
    settings.MEDIA_ROOT = tmp_path
    device = new_authenticator(writer)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    def scenario(browser):
        watched = sign_in_with_set_up(live_server, browser, writer, device)
        page = watched.page
        page.goto("/admin/articles/article/add/")
        drop_file(page, svg, "chart.svg", "image/svg+xml")
        error = page.locator(".editor-upload-error")
        error.wait_for()
        assert "SVG images are not accepted" in error.inner_text()
        expect(page.locator("#id_body")).not_to_have_value(re.compile("Invalid response"))
        watched.assert_no_violations()

    in_chromium(scenario)
