"""Issue 18 in a real Chromium, on a phone (375 px, touch) and a desktop (1280 px): tables,
glossary definitions (copy, print, tap), urgent help, the review line, icons and the report
form's email field."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TABLE_ARTICLE = "/articles/common-benzodiazepines/"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def site_url(shared_reader_site_url):
    return shared_reader_site_url


@pytest.fixture
def reader_site(shared_reader_site):
    return shared_reader_site


@pytest.fixture
def open_device(site_url, browser):
    """A page in a fresh context: a touch phone (375 px) or a desktop with a mouse (1280 px)."""
    contexts = []

    def open_(path, device="phone", **options):
        phone = device == "phone"
        context = browser.new_context(
            base_url=site_url.rstrip("/"), viewport=PHONE if phone else DESKTOP,
            has_touch=phone, is_mobile=phone, service_workers="block", **options)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.goto(path)
        return page

    yield open_
    for context in contexts:
        context.close()


def fully_visible(locator) -> bool:
    """Whether every corner of the element is what the reader sees at that point (not clipped)."""
    return locator.evaluate("""el => {
        const b = el.getBoundingClientRect();
        if (b.width < 20 || b.height < 10) return false;
        const inside = (x, y) => { const hit = document.elementFromPoint(x, y);
                                   return !!hit && (hit === el || el.contains(hit)); };
        return inside(b.left + 2, b.top + 2) && inside(b.right - 2, b.top + 2)
            && inside(b.left + 2, b.bottom - 2) && inside(b.right - 2, b.bottom - 2);
    }""")


# Tables


def test_a_table_on_a_phone_scrolls_in_its_own_box_with_the_first_column_in_view(open_device):
    page = open_device(TABLE_ARTICLE, "phone")
    table = page.locator(".prose table").first
    box = table.evaluate("""t => ({scroll: t.scrollWidth, client: t.clientWidth,
                                   overflow: getComputedStyle(t).overflowX,
                                   right: t.getBoundingClientRect().right})""")
    assert box["overflow"] == "auto" and box["scroll"] > box["client"]
    assert box["right"] <= PHONE["width"]  # the page itself never scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # No cell cuts its text: every word fits its cell.
    assert table.evaluate("""t => [...t.querySelectorAll('td, th')]
        .every(c => c.scrollWidth <= c.clientWidth + 1)""")
    first = table.locator("tbody tr td").first
    before = first.bounding_box()["x"]
    table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
    assert abs(first.bounding_box()["x"] - before) < 1
    last = table.locator("tbody tr td").last
    last.scroll_into_view_if_needed()
    assert fully_visible(last)  # the last column can be scrolled fully into view


def test_a_table_on_a_phone_shows_it_scrolls(open_device):
    page = open_device(TABLE_ARTICLE, "phone")
    background = page.locator(".prose table").first.evaluate(
        "t => getComputedStyle(t).backgroundImage")
    assert background.count("gradient") == 4  # shadows on the sides that have more


def test_a_table_on_a_desktop_is_not_a_scroll_box_and_its_popovers_are_not_clipped(open_device):
    page = open_device(TABLE_ARTICLE, "desktop")
    table = page.locator(".prose table").first
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    term = table.locator("a.gloss-term").first
    term.hover()
    definition = table.locator(".gloss-def").first
    assert fully_visible(definition)


def test_a_tapped_definition_in_a_table_on_a_phone_is_not_clipped(open_device):
    page = open_device(TABLE_ARTICLE, "phone")
    term = page.locator(".prose table a.gloss-term").first
    term.scroll_into_view_if_needed()
    term.tap()
    definition = page.locator(".prose table .gloss--open .gloss-def")
    assert fully_visible(definition)


# Glossary definitions


def test_copying_a_paragraph_leaves_the_definitions_out(open_device):
    page = open_device("/articles/dependence-when-taken-as-prescribed/", "desktop")
    copied = page.evaluate("""() => {
        const p = [...document.querySelectorAll('.prose p')]
            .find(p => p.querySelector('.gloss-def'));
        const range = document.createRange();
        range.selectNodeContents(p);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return {text: getSelection().toString(),
                definition: p.querySelector('.gloss-def').textContent};
    }""")
    assert copied["definition"] not in copied["text"]
    assert "(" + copied["definition"][:10] not in copied["text"]


def test_copy_to_the_clipboard_has_no_definitions(open_device):
    page = open_device("/articles/dependence-when-taken-as-prescribed/", "desktop",
                       permissions=["clipboard-read", "clipboard-write"])
    paragraph = page.locator(".prose p", has=page.locator(".gloss-def")).first
    definition = paragraph.locator(".gloss-def").first.text_content()
    paragraph.evaluate("""p => { const r = document.createRange(); r.selectNodeContents(p);
                                 getSelection().removeAllRanges(); getSelection().addRange(r); }""")
    page.keyboard.press("Control+C")
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard.strip() and definition not in clipboard


def test_the_popover_has_no_parentheses(open_device):
    page = open_device("/articles/dependence-when-taken-as-prescribed/", "desktop")
    term = page.locator(".prose a.gloss-term").first
    term.hover()
    shown = page.locator(".prose .gloss-def").first.inner_text().strip()
    assert shown and not shown.startswith("(") and not shown.endswith(")")


def test_print_lists_the_words_used_once_instead_of_inline_definitions(open_device):
    page = open_device("/articles/dependence-when-taken-as-prescribed/", "desktop")
    page.emulate_media(media="print")
    assert page.locator(".gloss-def").evaluate_all(
        "defs => defs.every(d => getComputedStyle(d).display === 'none')")
    words = page.locator(".words-used")
    assert words.is_visible()
    terms = page.locator(".words-used dt").all_inner_texts()
    linked = page.locator(".prose a.gloss-term").count()
    assert len(terms) == len(set(terms)) == linked
    printed = page.locator("main").inner_text()
    assert "(A " not in printed.split("Words used on this page")[0]


def test_the_words_list_prints_no_longer_than_inline_definitions_did(open_device):
    """The same page printed with the old inline definitions is compared, on A4."""
    page = open_device("/articles/dependence-when-taken-as-prescribed/", "desktop",
                       bypass_csp=True)

    def pages():
        return len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))

    now = pages()
    page.add_style_tag(content="""@media print {
        .gloss-def { display: inline !important; }
        .gloss-def::before { content: " ("; } .gloss-def::after { content: ")"; }
        .words-used { display: none !important; } }""")
    before = pages()
    print(f"A4 pages: {now} now, {before} with inline definitions")
    assert 1 <= now <= before


def test_a_tap_on_a_term_opens_its_definition_in_place_with_a_link_to_the_term(open_device):
    page = open_device("/articles/dependence-when-taken-as-prescribed/", "phone")
    term = page.locator(".prose a.gloss-term").first
    href = term.get_attribute("href")
    url = page.url
    term.tap()
    assert page.url == url
    definition = page.locator(".gloss--open .gloss-def")
    assert definition.is_visible() and fully_visible(definition)
    more = definition.locator("a")
    assert more.get_attribute("href") == href and "More about" in more.inner_text()
    page.locator("h1").tap()
    assert not definition.is_visible()


def test_the_home_page_says_tap_or_focus_not_hover(open_device):
    text = open_device("/", "phone").locator("main").inner_text()
    assert "Tap or focus" in text and "Hover" not in text


# Urgent help, review line, icons, report form


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_urgent_help_shows_common_numbers_as_tap_to_call_links(open_device, device):
    page = open_device("/articles/getting-urgent-help/", device)
    card = page.locator(".notice-urgent").first
    for number in ("911", "988", "999", "111", "112"):
        link = card.locator(f'a[href="tel:{number}"]')
        assert link.is_visible()
        box = link.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
    card.locator('a[href="/articles/getting-urgent-help/"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_not_yet_reviewed_links_to_its_explanation(open_device, device):
    page = open_device("/articles/tolerance/", device)
    page.locator(".review-explained a").click()
    page.wait_for_url("**/editorial-policy/#sec-what-the-review-line-means")
    heading = page.locator("#sec-what-the-review-line-means")
    page.wait_for_function("""() => Math.abs(document.getElementById(
        'sec-what-the-review-line-means').getBoundingClientRect().top) < 300""")
    assert heading.is_visible()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_pages_have_an_icon_and_no_console_errors(open_device, device):
    page = open_device("/", device)
    response = page.request.get("/favicon.ico")
    assert response.ok and response.headers["content-type"].startswith("image/")
    page.reload()
    assert page.console_errors == []


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_report_form_refuses_an_address_that_is_not_an_email(open_device, device):
    page = open_device("/articles/tolerance/", device)
    page.locator(".report-problem summary").click()
    page.locator("#report-contact").fill("not-an-email")
    state = page.locator("#report-contact").evaluate(
        "i => ({bad: i.validity.typeMismatch, message: i.validationMessage})")
    assert state["bad"] and state["message"]


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_mixed_queries_find_their_page_in_the_browser(open_device, device):
    page = open_device("/search/?q=xanax+addiction", device)
    links = page.locator(".search-result h2 a").evaluate_all(
        "links => links.slice(0, 3).map(a => a.getAttribute('href'))")
    assert "/articles/addiction-vs-dependence/" in links
