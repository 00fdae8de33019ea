"""Bounded work for any markdown: link parsing that is linear in the text's length.

Python-Markdown finds the text of ``[text](url)``, ``![alt](src)`` and ``[text][ref]`` by
scanning forward from every ``[`` to its matching ``]``, and the url by scanning from every
``(`` to its matching ``)``. On text such as ``"[" * 8000`` every scan runs to the end of the
block, so the work grows with the square of the length (8,000 brackets took 11 s). Here:

- the matching ``]`` of every ``[`` in a block is found once, in one pass with a stack, and
  looked up afterwards (same result as the library's scan: it counts nesting the same way);
- a link's ``(url "title")`` part is looked for within ``MAX_LINK_TARGET`` characters: a
  longer one is not a link, and the scan never runs past that window.

``BODY_MAX_CHARS`` is the most any markdown field (an article body, a definition, a page)
may hold; the editor's endpoints refuse longer text and the models' validators do too.
``benchmarks/render.py --adversarial`` measures the time for the worst inputs we know.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from markdown import inlinepatterns
from markdown.extensions import Extension

BODY_MAX_CHARS = 50_000
MAX_LINK_TARGET = 1_000
# Markup characters in one block of text (between blank lines). Real prose has a few dozen;
# the library's inline parsing costs grow with the square of these counts within a block.
MAX_MARKUP_PER_BLOCK = 200
_MARKUP_CHARACTERS = "[*_`<"
# Unclosed raw HTML tags ("<a" with no ">" before the next "<"): the standard library's HTML
# parser, which Python-Markdown runs over the whole document, rescans to the end of the text
# for each of them. Closed tags cost nothing special.
MAX_TAGS = 20
_UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|\Z)")
# Blockquotes and lists nested in one line ("> > > - 1. ..."): deeper is refused.
MAX_NESTING = 8
_DEEP_NESTING = re.compile(
    r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t])))" + f"{{{MAX_NESTING + 1}}}",
    re.MULTILINE)
# Nested brackets are followed this far by a scan; further, by the block's bracket index.
NEARBY_BRACKETS = 8
_BRACKET = re.compile(r"[\[\]]")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")


class MarkdownTooComplex(ValueError):
    """Text the pipeline will not render as markdown; the message says why, for the author."""


def check_complexity(text: str) -> None:
    """Raise MarkdownTooComplex for text too long or too dense to render in bounded time.

    Every check is one linear pass; within these limits rendering stays well under a second
    for any text (``benchmarks/render.py --adversarial``).
    """
    if len(text) > BODY_MAX_CHARS:
        raise MarkdownTooComplex(
            _("The text is %(length)s characters long; the limit is %(limit)s.")
            % {"length": f"{len(text):,}", "limit": f"{BODY_MAX_CHARS:,}"})
    if len(_UNCLOSED_TAG.findall(text)) > MAX_TAGS:
        raise MarkdownTooComplex(
            _("The text has more than %(limit)s unclosed HTML tags (“<” followed by a letter "
              "and no “>”). Write “&lt;” for a plain “<”.") % {"limit": MAX_TAGS})
    if _DEEP_NESTING.search(text):
        raise MarkdownTooComplex(
            _("Quotes or lists are nested more than %(limit)s deep on one line.")
            % {"limit": MAX_NESTING})
    for block in _BLOCK_BREAK.split(text):
        for character in _MARKUP_CHARACTERS:
            if block.count(character) > MAX_MARKUP_PER_BLOCK:
                raise MarkdownTooComplex(
                    _("One paragraph has more than %(limit)s “%(character)s” characters. Split "
                      "it with blank lines.") % {"limit": MAX_MARKUP_PER_BLOCK,
                                                  "character": character})


class _BracketIndex:
    """For one block's text: where each ``[`` closes, computed once (one entry cache)."""

    def __init__(self) -> None:
        self._data: str | None = None
        self._closing: dict[int, int] = {}

    def closing(self, data: str, open_index: int) -> int | None:
        """Index just past the ``]`` matching the ``[`` before ``open_index``, or None."""
        if data is not self._data:
            stack: list[int] = []
            closing: dict[int, int] = {}
            # The regex skips everything but brackets at C speed.
            for match in _BRACKET.finditer(data):
                if match.group() == "[":
                    stack.append(match.end())
                elif stack:
                    closing[stack.pop()] = match.end()
            self._data, self._closing = data, closing
        return self._closing.get(open_index)


def _nearby_closing(data: str, index: int) -> int | None:
    """The matching "]" when it is among the next few brackets (the usual case), else None."""
    close = data.find("]", index)
    if close == -1:
        return 0  # unmatched: no "]" after it
    if data.find("[", index, close) == -1:
        return close + 1  # no nested brackets: found at C speed
    depth = 1
    for count, match in enumerate(_BRACKET.finditer(data, index)):
        if count == NEARBY_BRACKETS:
            return None
        depth += 1 if match.group() == "[" else -1
        if depth == 0:
            return match.end()
    return 0  # unmatched: no "]" closes it


class _BoundedLinks:
    """Mixin for the library's link processors: same results, bounded scans."""

    brackets: _BracketIndex

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        end = _nearby_closing(data, index)
        if end is None:
            end = self.brackets.closing(data, index)
        if not end:
            # Unmatched: the library would have scanned to the end and given up.
            return data[index:], len(data), False
        return data[index:end - 1], end, True

    def getLink(self, data: str, index: int):
        if data.find(")", index, index + MAX_LINK_TARGET) == -1:
            # No closing parenthesis within reach: not a link, and no need to scan.
            return "", None, index, False
        window = data[index:index + MAX_LINK_TARGET]
        href, title, end, handled = super().getLink(window, 0)
        return href, title, index + end, handled


_BOUNDED_CLASSES: dict[type, type] = {}


def _bounded(cls: type) -> type:
    if cls not in _BOUNDED_CLASSES:
        _BOUNDED_CLASSES[cls] = type(f"Bounded{cls.__name__}", (_BoundedLinks, cls), {})
    return _BOUNDED_CLASSES[cls]


# name: (the library's processor, the priority the library registers it with — its
# documented defaults, read here rather than from the registry's private ``_priority``).
_REPLACED = {
    "reference": (inlinepatterns.ReferenceInlineProcessor, 170),
    "link": (inlinepatterns.LinkInlineProcessor, 160),
    "image_link": (inlinepatterns.ImageInlineProcessor, 150),
    "image_reference": (inlinepatterns.ImageReferenceInlineProcessor, 140),
    "short_reference": (inlinepatterns.ShortReferenceInlineProcessor, 130),
    "short_image_ref": (inlinepatterns.ShortImageReferenceInlineProcessor, 125),
}


# The footnotes extension's `\[\^([^\]]*)\]` runs to the end of the block from every "[^"
# that is never closed; a footnote label is short, so the bounded form finds the same ones.
BOUNDED_FOOTNOTE_RE = r"\[\^([^\]]{0,200})\]"


class BoundedLinksExtension(Extension):
    """Swap the library's link processors for bounded ones, keeping names and priorities."""

    def extendMarkdown(self, md) -> None:
        brackets = _BracketIndex()
        for name, (base, priority) in _REPLACED.items():
            if name not in md.inlinePatterns:
                continue
            old = md.inlinePatterns[name]
            new = _bounded(type(old) if isinstance(old, base) else base)(old.pattern, md)
            new.brackets = brackets
            md.inlinePatterns.register(new, name, priority)
        if "footnote" in md.inlinePatterns:
            footnote = md.inlinePatterns["footnote"]
            footnote.pattern = BOUNDED_FOOTNOTE_RE
            footnote.compiled_re = re.compile(BOUNDED_FOOTNOTE_RE, re.DOTALL | re.UNICODE)


def uses_bounded_links(md) -> bool:
    """True when every link processor of ``md`` is a bounded one (for tests)."""
    return all(isinstance(md.inlinePatterns[name], _BoundedLinks)
               for name in _REPLACED if name in md.inlinePatterns)
