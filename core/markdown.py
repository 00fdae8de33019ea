"""The one markdown pipeline: Python-Markdown, then nh3 with this module's allowlist.

Everything user-authored that becomes HTML goes through ``render_document`` (or its
shorthand ``render_markdown``): public pages, the admin preview, imports and search
indexing. The allowlist below is the only one in the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as html_escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.text import slugify

from core.markdown_limits import BoundedLinksExtension, MarkdownTooComplex, check_complexity

HEADING_ID_PREFIX = "sec-"
FOOTNOTE_ID_PREFIXES = ("fn:", "fnref:", "fn-", "fnref-")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
    "abbr", "code", "pre", "kbd", "samp", "blockquote", "q", "cite",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "div", "span",
}
# Tags whose content goes with them: never shown as text either.
CLEAN_CONTENT_TAGS = {"script", "style", "template", "iframe", "object", "embed", "noscript",
                      "svg", "math", "textarea", "select", "title"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
}
ALLOWED_CLASSES = {
    # Admonitions ("!!! note") and footnotes, nothing else: authors can't borrow site styles.
    "div": {"admonition", "note", "tip", "important", "warning", "caution", "footnote"},
    "p": {"admonition-title"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = {"https", "http", "mailto"}
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_INTEGER = re.compile(r"^[0-9]{1,4}$")
_ALIGN = {"left", "right", "center"}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        # Only ids in this pipeline's namespaces, so authored ids can't clobber the page's own.
        if tag.startswith("h"):
            return heading_id(value)
        return value if value.startswith(FOOTNOTE_ID_PREFIXES) else None
    if attribute in {"href", "src"}:
        # Browsers read "\" as "/" in web addresses: "\\evil.example" and "/\evil.example"
        # are "//evil.example". Normalise first, so the rules below see what a browser sees.
        value = value.strip().replace("\\", "/")
        if tag == "img" and not is_site_image(value):
            return None  # images come from the site's own uploads only
        if value.startswith("//"):
            return "https:" + value
        return value
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if _INTEGER.match(value) else None
    if attribute == "align":
        return value if value in _ALIGN else None
    if attribute == "scope":
        return value if value in {"col", "row"} else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=CLEAN_CONTENT_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def is_site_image(src: str) -> bool:
    """An image address on this site (a path) or its media storage, never a third party.

    External images are refused: the site's CSP blocks them on pages, but feed readers and
    other copies of the HTML would fetch them and tell a stranger who read what.
    """
    from django.conf import settings

    parts = urlsplit(src)
    if not parts.scheme and not parts.netloc:
        return True  # a path on this site
    prefixes = [settings.MEDIA_URL] if settings.MEDIA_URL.startswith("https://") else []
    if domain := getattr(settings, "AWS_S3_CUSTOM_DOMAIN", "") or "":
        prefixes.append(f"https://{domain}/")
    return any(src.startswith(prefix) for prefix in prefixes)


def sanitize_html(html: str) -> str:
    """The single sanitizer: any HTML that did not come from a template passes here."""
    return _cleaner.clean(html)


def heading_id(value: str) -> str:
    """A heading id in the ``sec-`` namespace, whether toc made it or an author did."""
    if value.startswith(HEADING_ID_PREFIX) and slugify(value) == value:
        return value
    return HEADING_ID_PREFIX + (slugify(value) or "section")


def _heading_slug(value: str, separator: str) -> str:
    return heading_id(value)


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["toc", "tables", "footnotes", "attr_list", "admonition", "sane_lists",
                    "def_list", "abbr", BoundedLinksExtension()],
        extension_configs={
            "toc": {"slugify": _heading_slug},
            "tables": {"use_align_attribute": True},
            "footnotes": {"SEPARATOR": "-"},
        },
        output_format="html",
    )


@dataclass(frozen=True)
class Heading:
    id: str
    title: str
    level: int


@dataclass(frozen=True)
class RenderedDocument:
    html: str
    headings: tuple[Heading, ...] = field(default_factory=tuple)


def _flatten(tokens: list[dict]) -> list[Heading]:
    headings: list[Heading] = []
    for token in tokens:
        level = max(2, token["level"])
        title = nh3.clean(token["name"], tags=set())
        headings.append(Heading(heading_id(token["id"]), title, level))
        headings.extend(_flatten(token.get("children", [])))
    return headings


def render_document(text: str) -> RenderedDocument:
    """Markdown to sanitized HTML, plus the section headings for a contents list."""
    converter = _markdown()
    # NUL and other C0 controls have no place in prose; they only confuse parsers.
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text or "")
    try:
        check_complexity(text)
    except MarkdownTooComplex:
        # Validators refuse such text on input; anything that got past them is shown as
        # plain paragraphs rather than parsed (bounded work whatever is stored).
        return RenderedDocument(html=plain_paragraphs(text))
    # The page title is the only h1: an authored "# Heading" becomes a section heading.
    html = _H1.sub(r"<\1h2", converter.convert(text))
    html = sanitize_html(html)
    ids = set(re.findall(r'<h2 id="([^"]+)"', html))
    # The contents list names the top-level sections only.
    headings = tuple(h for h in _flatten(converter.toc_tokens) if h.id in ids)
    return RenderedDocument(html=html, headings=headings)


def plain_paragraphs(text: str) -> str:
    paragraphs = (html_escape(part.strip()) for part in re.split(r"\n[ \t]*\n", text))
    return "".join(f"<p>{part}</p>" for part in paragraphs if part)


def render_markdown(text: str) -> str:
    return render_document(text).html


# --- What rendered markdown holds: the editor's warnings and the workflow's approval check --

class LinksAndImages(HTMLParser):
    """The images (src, alt) and link addresses of rendered HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.images.append((attributes.get("src") or "", attributes.get("alt") or ""))
            self.urls.append(attributes.get("src") or "")
        elif tag == "a":
            self.urls.append(attributes.get("href") or "")


def collect_links_and_images(markdown: str = "", *, html: str | None = None) -> LinksAndImages:
    """The images and links of ``markdown`` as the site renders it (or of its ``html``,
    when the caller has rendered it already)."""
    collector = LinksAndImages()
    collector.feed(render_markdown(markdown or "") if html is None else html)
    collector.close()
    return collector


def images_missing_alt(markdown: str) -> list[str]:
    """The address of each image in ``markdown`` whose alt text is missing or blank.

    An empty list means every image describes itself. Used by the editor's warnings and by
    the editorial workflow to refuse approval, so both apply exactly one rule.
    """
    return [src for src, alt in collect_links_and_images(markdown).images if not alt.strip()]


def insecure_links(markdown: str) -> list[str]:
    """Links and images addressed over plain http (readers' browsers would warn or block)."""
    seen: dict[str, None] = {}
    for url in collect_links_and_images(markdown).urls:
        if url.strip().lower().startswith("http:"):
            seen.setdefault(url, None)
    return list(seen)
