"""Reader pages in a real Chromium: accessible, keyboard-usable, private, and readable anywhere."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, resolve

# django_db: the shared site lives in the test database; these tests only read it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def site_url(shared_reader_site_url):
    """Every test here reads the same imported content, served once for the module."""
    return shared_reader_site_url


@pytest.fixture
def reader_site(shared_reader_site):
    return shared_reader_site

# Every page type readers meet. Search and feedback pages belong to other apps: each is tested
# here as soon as its URL exists.
PAGE_TYPES = {
    "home": "/",
    "article list": "/articles/",
    "article": "{article}",
    "article with urgent help": "{urgent_article}",
    "topic": "{topic}",
    "glossary index": "/glossary/",
    "term": "{term}",
    "urgent help": "/urgent-help/",
    "search results": "/search/?q=tolerance",
    "search with no results": "/search/?q=zzqxv",
    "empty search": "/search/?q=",
    "404": "/no-such-page/",
    "feedback thanks": "/feedback/thanks/",
}


def _path(name, site):
    path = PAGE_TYPES[name].format(**site.paths())
    if name != "404":
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            pytest.fail(f"{path} no longer resolves: every page type must be checked")
    return path


def _origin_only(urls, origin):
    return [url for url in urls if not (url == origin or url.startswith(origin + "/"))]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_has_no_wcag_a_or_aa_violations_in_light_or_dark_mode(name, open_page,
                                                                        reader_site,
                                                                        axe_violations):
    page = open_page(_path(name, reader_site))
    found = [f"light: {violation}" for violation in axe_violations(page)]
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    found += [f"dark: {violation}" for violation in axe_violations(page)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_reflows_at_320_css_pixels(name, open_page, reader_site):
    """WCAG 1.4.10: nothing forces sideways scrolling on a 320 px wide screen."""
    page = open_page(_path(name, reader_site), width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_browser_requests_nothing_outside_the_site(open_page, reader_site, requested_urls,
                                                   site_url):
    for name in PAGE_TYPES:
        open_page(PAGE_TYPES[name].format(**reader_site.paths()))
    assert len(requested_urls) > 2 * len(PAGE_TYPES), "pages, styles and scripts were requested"
    assert _origin_only(requested_urls, site_url) == []


def test_anonymous_reader_gets_no_cookies_or_storage(open_page, reader_site):
    page = open_page(reader_site.article)
    page.goto("/")
    page.goto(reader_site.term)
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


FOCUSABLE = ("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), "
             "select:not([disabled]), textarea:not([disabled]), summary, "
             "[tabindex]:not([tabindex='-1'])")

# The elements a keyboard user should reach, in document order: focusable, rendered (not in a
# closed <details>), and one stop per radio group, as browsers do. Each gets an index.
MARK_EXPECTED_STOPS = """(selector) => {
    const radioGroups = new Set();
    const expected = [...document.querySelectorAll(selector)].filter(el => {
        if (!el.checkVisibility({visibilityProperty: true})) return false;
        if (el.type !== 'radio') return true;
        if (radioGroups.has(el.name)) return false;
        radioGroups.add(el.name);
        return true;
    });
    expected.forEach((el, index) => { el.dataset.expectedStop = String(index); });
    return expected.length;
}"""


def _tab_through(page, limit):
    """Press Tab until focus leaves the page or comes round again; return the stops reached."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            return el.dataset.expectedStop ?? el.outerHTML.slice(0, 120);
        }""")
        if stop is None or stop in stops:
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("page_name", ["article", "home", "glossary index", "term"])
def test_keyboard_reaches_every_interactive_element_in_order(page_name, open_page, reader_site):
    page = open_page(_path(page_name, reader_site))
    expected = page.evaluate(MARK_EXPECTED_STOPS, FOCUSABLE)
    assert expected > 5
    assert _tab_through(page, expected + 5) == [str(index) for index in range(expected)]


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(open_page, reader_site):
    page = open_page(reader_site.article)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 24 and box["height"] >= 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_always_visible(open_page, reader_site):
    """Each stop on the article page draws an outline or ring that differs from its rest state."""
    page = open_page(reader_site.article)
    for _ in range(page.evaluate(MARK_EXPECTED_STOPS, FOCUSABLE)):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => {
            const s = getComputedStyle(document.activeElement);
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), ring: s.boxShadow};
        }""")
        assert (style["outline"] != "none" and style["width"] >= 2) or style["ring"] != "none"


def test_every_glossary_definition_shows_when_its_link_has_keyboard_focus(open_page, reader_site):
    page = open_page(reader_site.article)
    terms = page.locator("a.gloss-term")
    assert terms.count() >= 3
    definitions_seen = 0
    for _ in range(page.evaluate(MARK_EXPECTED_STOPS, FOCUSABLE)):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.matches('a.gloss-term')"):
            continue
        shown = page.evaluate("""() => {
            const link = document.activeElement;
            const def = document.getElementById(link.getAttribute('aria-describedby'));
            const box = def.getBoundingClientRect();
            return def.checkVisibility() && box.width > 40 && box.height > 10
                && def.textContent.trim().length > 0;
        }""")
        assert shown
        definitions_seen += 1
    assert definitions_seen == terms.count()


def test_escape_hides_an_open_definition(open_page, reader_site):
    """WCAG 1.4.13: a definition shown on focus can be dismissed without moving focus."""
    page = open_page(reader_site.article)
    page.locator("a.gloss-term").first.focus()
    definition = page.locator("a.gloss-term").first.locator("xpath=following-sibling::*[1]")
    assert definition.bounding_box()["width"] > 40
    page.keyboard.press("Escape")
    assert not definition.is_visible()


def test_glossary_definitions_work_without_javascript(open_page, reader_site):
    page = open_page(reader_site.article, javascript=False)
    link = page.locator("a.gloss-term").first
    link.focus()
    definition = link.locator("xpath=following-sibling::*[1]")
    assert definition.bounding_box()["width"] > 40


@pytest.mark.parametrize(("color_scheme", "dark"), [("light", False), ("dark", True)])
def test_colour_scheme_follows_the_reader_setting(color_scheme, dark, open_page, reader_site):
    page = open_page(reader_site.article, color_scheme=color_scheme)
    red, green, blue = page.evaluate(
        "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
    assert (red + green + blue < 150) is dark


def test_reduced_motion_turns_off_the_definition_animation(open_page, reader_site):
    page = open_page(reader_site.article, reduced_motion="reduce")
    link = page.locator("a.gloss-term").first
    link.focus()
    definition = link.locator("xpath=following-sibling::*[1]")
    assert definition.evaluate("el => getComputedStyle(el).animationName") == "none"


def test_urgent_help_link_sits_in_the_same_place_on_every_page(open_page, reader_site):
    """WCAG 3.2.6: the help link is the same element, same place, same order on every page."""
    positions = set()
    for name in ["home", "article", "topic", "glossary index", "term", "404"]:
        page = open_page(_path(name, reader_site))
        link = page.locator("header .urgent-link")
        assert link.get_attribute("href") == "/urgent-help/"
        box = link.bounding_box()
        order = page.evaluate(
            "[...document.querySelectorAll('a[href]')].indexOf(document.querySelector('.urgent-link'))")
        positions.add((round(box["x"]), round(box["y"]), order))
    assert len(positions) == 1


def test_print_layout_hides_navigation_and_prints_link_addresses(open_page, reader_site):
    page = open_page(reader_site.article)
    page.emulate_media(media="print")
    for selector in [".header-nav nav", ".breadcrumbs", ".urgent-link", ".skip-link"]:
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none"
    reference = page.locator(".references a").first
    printed = reference.evaluate("el => getComputedStyle(el, '::after').content")
    assert reference.get_attribute("href") in printed
