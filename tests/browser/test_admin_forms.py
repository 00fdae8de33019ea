"""The article form as a clinician uses it, in Chromium at 1280 and 375 px wide.

Set SCREENSHOT_DIR to also save the screenshots kept in docs/screenshots/.
"""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", "")


@pytest.fixture
def editor(django_user_model, login_staff):
    user = django_user_model.objects.create_user(
        "clinician", password="a long test password", is_staff=True, is_superuser=True)
    client = login_staff(Client(), user)
    return user, client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def admin_page(browser, live_server, editor):
    contexts = []

    def open_(path, width, javascript=True):
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript,
                                      viewport={"width": width, "height": 900})
        contexts.append(context)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": editor[1],
                              "url": live_server.url}])
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.js_errors = errors
        page.goto(path)
        return page

    yield open_
    for context in contexts:
        context.close()


def screenshot(page, name, selector=None, max_height=1400):
    """Save the element as a small PNG: cut to ``max_height`` px, 128 colours."""
    if not SCREENSHOT_DIR:
        return
    from PIL import Image

    path = Path(SCREENSHOT_DIR) / f"{name}.png"
    target = page.locator(selector).first if selector else page
    target.screenshot(path=str(path), animations="disabled")
    with Image.open(path) as image:
        image = image.convert("RGB")
        image = image.crop((0, 0, image.width, min(image.height, max_height)))
    image.quantize(colors=128).save(path, optimize=True)


@pytest.mark.parametrize("width", [1280, 375])
def test_key_points_and_two_references_are_filled_in_and_saved(admin_page, width):
    from articles.models import Article

    slug = f"tapering-slowly-{width}"  # Django fills the slug in from the title
    page = admin_page("/admin/articles/article/add/", width)
    page.fill("#id_title", f"Tapering slowly {width}")
    page.fill("#id_summary", "Why a slow, planned reduction is safer.")
    page.fill("#id_body", "## Going slowly\n\nTalk to your prescriber before you change a dose.")
    page.fill("#id_key_points", "Go slowly.\nTalk to your prescriber first.\nKeep a diary.")
    page.fill("#id_references-0-title", "Benzodiazepine drug class")
    page.fill("#id_references-0-publisher", "FDA")
    page.fill("#id_references-0-year", "2020")
    page.fill("#id_references-0-url", "https://www.fda.gov/drugs/benzodiazepines")
    page.click("text=Add another reference")  # the button works; the new row stays empty
    assert page.locator(".reference-row").count() == 3
    page.fill("#id_references-1-title", "Benzodiazepines: how they work")
    page.fill("#id_references-1-publisher", "NHS")
    page.fill("#id_references-1-year", "2022")
    page.fill("#id_references-1-url", "https://www.nhs.uk/medicines/benzodiazepines/")
    page.check("input[name=notices][value=dont-stop-suddenly]")
    box = page.locator(".reference-rows").bounding_box()
    assert box["x"] + box["width"] <= width, "the reference rows fit the screen"
    page.click("input[name=_continue]")  # "Save draft"
    page.wait_for_url("**/admin/articles/article/*/change/")  # a draft saved, still editing
    assert not page.js_errors, page.js_errors
    assert list(Article.objects.values_list("slug", flat=True)) == [slug]
    content = Article.objects.get(slug=slug).latest_revision.content
    assert content["key_points"] == ["Go slowly.", "Talk to your prescriber first.",
                                     "Keep a diary."]
    assert content["references"] == [
        {"title": "Benzodiazepine drug class", "publisher": "FDA", "year": 2020,
         "url": "https://www.fda.gov/drugs/benzodiazepines"},
        {"title": "Benzodiazepines: how they work", "publisher": "NHS", "year": 2022,
         "url": "https://www.nhs.uk/medicines/benzodiazepines/"},
    ]
    assert content["notices"] == ["dont-stop-suddenly"]


def test_the_form_works_without_javascript(admin_page, make_term):
    """Blank reference rows are there already; the term picker is a plain list to choose from."""
    from articles.models import Article

    make_term("gaba", "GABA")
    page = admin_page("/admin/articles/article/add/", 1280, javascript=False)
    page.fill("#id_title", "Without scripts")
    page.fill("#id_slug", "without-scripts")
    page.fill("#id_summary", "A plain summary.")
    page.fill("#id_body", "Plain words.")
    page.fill("#id_key_points", "One.\nTwo.")
    page.fill("#id_references-1-title", "Benzodiazepines")
    page.fill("#id_references-1-publisher", "NHS")
    page.fill("#id_references-1-year", "2022")
    page.fill("#id_references-1-url", "https://www.nhs.uk/medicines/benzodiazepines/")
    page.select_option("#id_glossary_exclude", ["gaba"])
    page.click("input[name=_continue]")  # "Save draft"
    page.wait_for_url("**/admin/articles/article/*/change/")  # a draft saved, still editing
    content = Article.objects.get(slug="without-scripts").latest_revision.content
    assert content["key_points"] == ["One.", "Two."]
    assert [r["publisher"] for r in content["references"]] == ["NHS"]
    assert content["glossary_exclude"] == ["gaba"]


@pytest.fixture
def bundled_article():
    from articles.models import Article

    call_command("import_content", str(ROOT / "content"), "--publish", stdout=StringIO())
    return Article.objects.get(slug="dependence-when-taken-as-prescribed")


@pytest.mark.parametrize("width", [1280, 375])
def test_preview_sits_beside_the_editor_from_1200_px_and_shows_terms_as_readers_do(
        admin_page, bundled_article, width):
    page = admin_page(f"/admin/articles/article/{bundled_article.pk}/change/", width)
    preview = page.locator(".editor-preview")
    page.locator("#id_body").press("End")
    page.locator("#id_body").type(" ")  # markdownx previews on input
    page.wait_for_selector(".editor-preview .gloss-term", timeout=10_000)
    editor_box, preview_box = page.locator("#id_body").bounding_box(), preview.bounding_box()
    if width >= 1200:
        assert preview_box["x"] >= editor_box["x"] + editor_box["width"], "side by side"
    else:
        assert preview_box["y"] >= editor_box["y"] + editor_box["height"], "below the editor"
    definition = page.locator(".editor-preview .gloss-def").first.bounding_box()
    # Hidden until asked for, as on the reader's page: not laid out at all, or a 1 px box.
    assert definition is None or (definition["width"] <= 1 and definition["height"] <= 1), \
        "no inline definitions"
    page.locator(".editor-preview .gloss-term").first.hover()
    shown = page.locator(".editor-preview .gloss-def").first.bounding_box()
    assert shown["width"] > 100, "pointing at a term shows its definition, as on the page"
    page.wait_for_selector(".editor-checks-body .editor-check-list")
    assert "SMOG grade" in page.locator(".editor-checks").inner_text()
    assert not page.js_errors, page.js_errors
    page.locator("#id_body").scroll_into_view_if_needed()
    screenshot(page, f"article-editor-{width}", ".form-row.field-body")
    page.locator("#id_key_points").scroll_into_view_if_needed()
    screenshot(page, f"article-structured-fields-{width}", "fieldset:has(#id_key_points)")


@pytest.mark.parametrize("width", [1280, 375])
def test_comparison_reads_as_text_with_changes_marked(admin_page, bundled_article, width,
                                                       axe_violations):
    from editorial.models import Revision

    # An earlier draft with a plain-http reference, and the fix: https, one word, a key point.
    content = dict(bundled_article.live_revision.content)
    references = [dict(r) for r in content["references"]]
    references[0]["url"] = references[0]["url"].replace("https://", "http://", 1)
    earlier = bundled_article.save_revision(content={**content, "references": references},
                                            source=Revision.Source.IMPORT)
    content["body"] = content["body"].replace("prescriber", "doctor", 1)
    content["key_points"] = [*content["key_points"], "A new key point."]
    later = bundled_article.save_revision(content=content, source=Revision.Source.IMPORT)
    page = admin_page(f"/admin/articles/article/{bundled_article.pk}/compare/"
                      f"?a={earlier.pk}&b={later.pk}", width)
    text = page.locator("#content-main").inner_text()
    assert "key_points" not in text and "Key points" in text
    assert "<p>" not in text and "<h2" not in text
    assert page.locator(".editorial-rendered del").count() >= 1
    assert page.locator(".editorial-rendered ins").count() >= 1
    assert page.locator(".editorial-diff ins", has_text="https").count() == 1  # one word lit
    violations = [v for v in axe_violations(page)
                  if any("editorial-" in target or " del" in target or " ins" in target
                         for target in v.targets)]
    assert not violations, "\n".join(map(str, violations))
    screenshot(page, f"compare-{width}", "#content-main")
    screenshot(page, f"compare-rendered-{width}", ".editorial-rendered-diff", max_height=900)


def test_the_structured_fields_pass_axe(admin_page, axe_violations):
    """WCAG A/AA on the add form, for what this form adds (Django's own admin aside).

    Django's filter box (the term picker, as for topics) puts aria-label on a plain span;
    that is Django's own markup (the topics picker has it too), not this form's.
    """
    page = admin_page("/admin/articles/article/add/", 1280)
    ours = (".reference-rows", "notice", "key_points", "glossary_exclude", "editor-",
            "markdownx")
    violations = [v for v in axe_violations(page)
                  if any(marker in target and "search-label-icon" not in target
                         for target in v.targets for marker in ours)]
    assert not violations, "\n".join(map(str, violations))
