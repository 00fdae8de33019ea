"""The whole editorial flow, walked in Chromium by three people through the screens only
(issue 16): an author writes and submits, a clinical reviewer sends it back with a note and
then approves, a publisher publishes; a second change is scheduled, revisions are compared and
the page is unpublished with a reason. Accounts, authenticators and the reviewer's profile are
made in the set-up; everything after that is clicks and typing in the admin.

Set ``SAVE_SCREENSHOTS=docs/screenshots`` to also save the screenshots committed with the
project (the change page with the reviewer's note and its actions; the unpublish confirmation).
"""

from __future__ import annotations

import base64
import os
import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from articles.models import Article, Topic
from editorial.models import ReviewerProfile
from editorial.roles import AUTHOR, CLINICAL_REVIEWER, PUBLISHER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long and careful test password 7"
PHONE, DESKTOP = 375, 1280
NOTE = ("The summary says people can stop once they feel better. Say to talk to the "
        "prescriber before changing the dose.")


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def person(username, role, **profile):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD,
                                                is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if profile:
        ReviewerProfile.objects.create(user=user, **profile)
    return user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def code_for(device):
    """What the person's authenticator app shows now (as tests/admin_security computes it)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def sign_in(browser, base_url, user, device, width=DESKTOP):
    """The real two-step sign-in: password, then the authenticator's code."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto("/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/login/code/**")
    page.fill("#id_token", code_for(device))
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def png_bytes() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (160, 90), (70, 120, 170)).save(buffer, "PNG")
    return buffer.getvalue()


def drop_image(page, data: bytes, name: str):
    """Drop a file on the markdown editor, as a person dragging it from their desktop does."""
    page.evaluate(
        """([b64, name]) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type: "image/png"}));
            document.querySelector("#id_body").dispatchEvent(
                new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [base64.b64encode(data).decode(), name],
    )


def fill_article(page, *, title=None, summary=None, body=None, key_points=None,
                 references=None):
    """Fill the article form's fields; the one place that knows their widgets.

    Key points are typed one per line; each reference fills a row of inputs (title, publisher,
    year, web address), as a clinician does: nobody types JSON.
    """
    if title is not None:
        page.fill("#id_title", title)
    if summary is not None:
        page.fill("#id_summary", summary)
    if body is not None:
        page.fill("#id_body", body)
    if key_points is not None:
        page.fill("#id_key_points", "\n".join(key_points))
    if references is not None:
        for index, reference in enumerate(references):
            if page.locator(f"#id_references-{index}-title").count() == 0:
                page.click("text=Add another reference")
            for part in ("title", "publisher", "year", "url"):
                page.fill(f"#id_references-{index}-{part}", str(reference[part]))


def shoot(page, name, width):
    target = os.environ.get("SAVE_SCREENSHOTS")
    if not target:
        return
    page.set_viewport_size({"width": width, "height": 900})
    out = ROOT / target
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)


def no_sideways_scroll(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width, width


def test_author_reviewer_and_publisher_walk_the_whole_flow(browser, live_server, settings,
                                                            tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Topic.objects.create(title="Clonazepam", slug="clonazepam", summary="About clonazepam.")
    author, author_device = person("sam.author", AUTHOR)
    reviewer, reviewer_device = person("dr.rivera", CLINICAL_REVIEWER,
                                       display_name="Dr Ana Rivera",
                                       credentials="MD, addiction psychiatry")
    publisher, publisher_device = person("pat.publisher", PUBLISHER)
    url = live_server.url

    # --- The author writes the article, with an image, and previews it --------------------------
    writing = sign_in(browser, url, author, author_device)
    writing.goto("/admin/articles/article/add/")
    fill_article(
        writing, title="Clonazepam at a low dose: can dependence happen?",
        summary="Yes: taken daily for weeks, even as prescribed, the body can adapt.",
        body="## What happens\n\nThe body adapts to the medicine over weeks.\n\n",
        key_points=["Dependence can happen at a low, prescribed dose.",
                    "Do not stop suddenly: talk to your prescriber."],
        references=[
            {"title": "Klonopin (clonazepam) prescribing information", "publisher": "FDA",
             "year": 2023, "url": "https://www.accessdata.fda.gov/"},
            {"title": "Benzodiazepines: risks of abuse, misuse and dependence",
             "publisher": "FDA", "year": 2020, "url": "https://www.fda.gov/"},
        ])
    writing.select_option("#id_topics_from", label="Clonazepam")
    writing.click("#id_topics_add")
    drop_image(writing, png_bytes(), "adaptation.png")
    body = writing.locator("#id_body")
    expect(body).to_have_value(re.compile(r"!\[[^\]]*\]\(/media/editor/[0-9a-f]{32}\.png\)"))
    body.fill(re.sub(r"!\[[^\]]*\]", "![A chart of the dose staying the same while the effect "
                     "fades over weeks]", body.input_value()))
    writing.get_by_role("button", name="Save draft").click()
    expect(writing.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="clonazepam-at-a-low-dose-can-dependence-happen")
    change_path = f"/admin/articles/article/{article.pk}/change/"
    assert writing.url.endswith(change_path)
    expect(writing.locator(".editorial-status")).to_contain_text("Draft")

    writing.get_by_role("link", name="Preview latest revision").click()
    expect(writing.locator("h1")).to_contain_text("Clonazepam at a low dose")
    expect(writing.get_by_text("Do not stop suddenly: talk to your prescriber.")).to_be_visible()
    image = writing.locator("img[src^='/media/editor/']")
    expect(image).to_have_js_property("naturalWidth", 160)
    writing.go_back()

    writing.fill("#id__submit_note", "First version, two FDA sources.")
    writing.get_by_role("button", name="Save and submit for review").click()
    expect(writing.locator(".messagelist")).to_contain_text("submitted revision")
    expect(writing.locator(".editorial-status")).to_contain_text("In review")

    # --- The reviewer finds it on the dashboard and asks for a change ---------------------------
    reviewing = sign_in(browser, url, reviewer, reviewer_device)
    reviewing.goto("/admin/editorial/reviewdashboard/")
    reviewing.get_by_role("link", name="Clonazepam at a low dose: can dependence happen?"
                          ).first.click()
    reviewing.wait_for_url("**/history/")  # the dashboard opens the workflow page
    reviewing.get_by_label("What needs to change").fill(NOTE)
    reviewing.get_by_role("button", name="Request changes").click()
    expect(reviewing.locator(".messagelist")).to_contain_text("changes requested")

    # --- The author sees the note where they edit, fixes and resubmits --------------------------
    writing.goto(change_path)
    banner = writing.locator(".editorial-banner")
    expect(banner).to_contain_text("Changes requested by Dr Ana Rivera")
    expect(banner).to_contain_text(NOTE)
    expect(writing.locator("#editorial-next-actions")).to_have_count(0)  # Save is the action
    for width in (DESKTOP, PHONE):
        no_sideways_scroll(writing, width)
        shoot(writing, "admin-change-changes-requested", width)
    writing.set_viewport_size({"width": DESKTOP, "height": 900})
    fill_article(writing, summary=("Yes: taken daily for weeks, even as prescribed, the body "
                                   "can adapt. Talk to your prescriber before changing the "
                                   "dose."))
    writing.fill("#id__submit_note", "Added: talk to your prescriber first.")
    writing.get_by_role("button", name="Save and submit for review").click()
    expect(writing.locator(".messagelist")).to_contain_text("submitted revision")
    expect(writing.locator(".editorial-banner")).to_have_count(0)

    # --- The reviewer approves the revision named on the button ---------------------------------
    reviewing.goto(change_path)
    approve = reviewing.get_by_role("button", name=re.compile(r"^Approve revision \d+$"))
    expect(reviewing.locator(".editorial-subject").first).to_contain_text("Approves revision")
    for width in (DESKTOP, PHONE):
        no_sideways_scroll(reviewing, width)
        shoot(reviewing, "admin-change-reviewer-actions", width)
    reviewing.set_viewport_size({"width": DESKTOP, "height": 900})
    approve.click()
    expect(reviewing.locator(".messagelist")).to_contain_text("approved")

    # --- The publisher publishes; readers see it with the review line ---------------------------
    publishing = sign_in(browser, url, publisher, publisher_device)
    publishing.goto(change_path)
    publishing.get_by_role("button", name=re.compile(r"^Publish revision \d+$")).click()
    expect(publishing.locator(".messagelist")).to_contain_text("published")
    reader = browser.new_context(base_url=url).new_page()
    public_path = "/articles/clonazepam-at-a-low-dose-can-dependence-happen/"
    reader.goto(public_path)
    expect(reader.locator(".review-line")).to_contain_text(
        "Reviewed by Dr Ana Rivera, MD, addiction psychiatry")
    expect(reader.get_by_text("Talk to your prescriber before changing the dose.").first
           ).to_be_visible()

    # --- A second change is approved and scheduled ------------------------------------------------
    writing.goto(change_path)
    fill_article(writing, key_points=[
        "Dependence can happen at a low, prescribed dose.",
        "Do not stop suddenly: talk to your prescriber.",
        "Withdrawal symptoms are not a sign of addiction."])
    writing.get_by_role("button", name="Save and submit for review").click()
    expect(writing.locator(".editorial-status")).to_contain_text("in review")
    reviewing.goto(change_path)
    reviewing.get_by_role("button", name=re.compile(r"^Approve revision \d+$")).click()
    expect(reviewing.locator(".messagelist")).to_contain_text("approved")
    publishing.goto(change_path)
    tomorrow = timezone.localtime() + timedelta(days=1)
    publishing.fill("input[name=go_live_at]", tomorrow.strftime("%Y-%m-%dT09:00"))
    publishing.get_by_role("button", name="Schedule", exact=True).click()
    expect(publishing.locator(".messagelist")).to_contain_text("scheduled")
    expect(publishing.locator(".editorial-status")).to_contain_text("Scheduled")

    # --- Compare the live revision with the scheduled one ---------------------------------------
    publishing.get_by_role("link", name="Workflow and history").click()
    publishing.get_by_role("button", name="Compare selected revisions").click()
    publishing.wait_for_url("**/compare/**")
    expect(publishing.locator("#content-main")).to_contain_text(
        "Withdrawal symptoms are not a sign of addiction.")

    # --- Unpublish, which asks for a reason and says what readers lose --------------------------
    publishing.go_back()
    publishing.get_by_role("link", name="Unpublish…").click()
    confirm = publishing.locator("#content-main")
    expect(confirm).to_contain_text("What readers will lose")
    expect(confirm).to_contain_text(public_path)
    expect(confirm).to_contain_text("the topic “Clonazepam”")
    for width in (DESKTOP, PHONE):
        no_sideways_scroll(publishing, width)
        shoot(publishing, "admin-unpublish-confirm", width)
    publishing.set_viewport_size({"width": DESKTOP, "height": 900})
    publishing.get_by_role("button", name="Yes, unpublish").click()
    expect(publishing.locator(".errorlist")).to_contain_text("Give the reason")
    assert reader.goto(public_path).status == 200  # nothing happened without a reason
    publishing.get_by_label("Reason").fill("The FDA label changed this week; rechecking.")
    publishing.get_by_role("button", name="Yes, unpublish").click()
    expect(publishing.locator(".messagelist")).to_contain_text("unpublished")
    # A new reader (a browser that kept the page may show its copy for up to 5 minutes, as the
    # confirmation page says).
    assert browser.new_context(base_url=url).new_page().goto(public_path).status == 404
    expect(publishing.locator(".editorial-log")).to_contain_text(
        "The FDA label changed this week; rechecking.")
