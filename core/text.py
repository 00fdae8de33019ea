"""Text as readers read it: the plain text of rendered HTML, and glossary phrases found in text.

One ``plain_text`` and one ``PhraseMatcher`` for the whole site, so the glossary linker, the
reading measures, the search index and the editor's writing checks agree on what the words of
a page are and on when a glossary phrase is mentioned. Pure Python, no Django.

``plain_text(html)``: the words of HTML the markdown pipeline made (or that the linker and
citations decorated), one line per block: a paragraph, heading, list item, table cell or line
of preformatted text. Inline tags join ("<em>in</em>dependence" is one word), entities are
decoded, whitespace within a line is one space. Left out, because no reader reads them as part
of the prose: script, style and other raw-text elements, comments, images (alt text describes
an image; it is not the text around it), the glossary's popover definitions (a reader sees the
term, the definition is a tooltip), citation markers ("[1]") and footnote back-links ("↩").

``normalise_phrase(phrase)`` and ``PhraseMatcher``: a glossary phrase matches text when they
are equal after Unicode NFC, whitespace runs made one space, the curly apostrophe made straight
and case folded (one character for one, so offsets carry over: ``str.lower`` plus the three
characters it folds by context or into two). Hyphens are kept: "long-term" is not "long term".
A match is a whole word: no letter, digit or combining mark may touch it, though a plural
("-s", "-es", "therapy" -> "therapies") and a possessive ("'s") may follow.
"""

from __future__ import annotations

import html as html_lib
import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")

# A regex tokenizer is enough here, where a general HTML parser would be needed for arbitrary
# HTML: the input is nh3's serialization (plus the site's own markup on top), so every "<" in
# text is written "&lt;", attribute values are quoted, comments are stripped and no script or
# style survives. What remains is a regular language of tags and text. Quoted values may still
# hold ">", and comments and raw-text elements are stepped over anyway, so a stray one does not
# derail the scan.
MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>"
    r"""|<(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.DOTALL,
)
# Text on either side of these tags runs on in the same word: "<em>in</em>dependence" is one
# word. Any other tag ends the word.
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
                         "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
                         "strong", "sub", "sup", "time", "u", "var", "wbr"})
# Elements whose content is not HTML: skipped whole, up to the closing tag.
RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                           "noframes"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "param", "source", "track", "wbr"})
RAW_TEXT_END = {name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE)
                for name in RAW_TEXT_TAGS}

# Elements not read as prose even though their content is text: never in the plain text.
_UNREAD_TAGS = frozenset({"template", "svg", "math", "object", "noscript", "select", "button"})
# ...nor these classes: the glossary popover's definition, citation markers and footnote links.
_UNREAD_CLASSES = frozenset({"gloss-def", "citation", "footnote-ref", "footnote-backref"})
# Tags that end a word without ending a line.
_WORD_BREAK_TAGS = frozenset({"img", "input"})
_CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def plain_text(html: str) -> str:
    """The words a reader reads in ``html``, one line per block (see the module docstring)."""
    if not html:
        return ""
    if "<" not in html:
        return _lines([html_lib.unescape(html)])
    lines: list[str] = []
    line: list[str] = []
    skipping: list[str] = []  # open elements whose content is left out, innermost last
    preformatted = 0
    position = 0
    while True:
        tag = MARKUP.search(html, position)
        text_end = tag.start() if tag else len(html)
        if text_end > position and not skipping:
            text = html_lib.unescape(html[position:text_end])
            if preformatted:
                first, *rest = text.split("\n")
                line.append(first)
                for part in rest:
                    lines.append("".join(line))
                    line = [part]
            else:
                line.append(text)
        if tag is None:
            break
        position = tag.end()
        name = tag.group("name")
        if name is None:  # comment, doctype
            continue
        name = name.lower()
        closing = bool(tag.group("close"))
        if skipping:
            if closing and name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name):]
            elif not closing and name not in VOID_TAGS and not tag.group("attrs").endswith("/"):
                skipping.append(name)
            continue
        if not closing and name in RAW_TEXT_TAGS:
            raw_end = RAW_TEXT_END[name].search(html, position)
            position = raw_end.start() if raw_end else len(html)
            continue
        if name in _WORD_BREAK_TAGS:
            line.append(" ")
        elif name not in INLINE_TAGS:
            lines.append("".join(line))
            line = []
        if name == "pre":
            preformatted = max(0, preformatted + (-1 if closing else 1))
        if (not closing and name not in VOID_TAGS and not tag.group("attrs").endswith("/")
                and (name in _UNREAD_TAGS or _unread_class(tag.group("attrs")))):
            skipping.append(name)
    lines.append("".join(line))
    return _lines(lines)


def _unread_class(attributes: str) -> bool:
    if "class" not in attributes:
        return False
    found = _CLASS_ATTRIBUTE.search(attributes)
    return bool(found) and not _UNREAD_CLASSES.isdisjoint(
        "".join(group or "" for group in found.groups()).split())


def _lines(parts: list[str]) -> str:
    return "\n".join(text for part in parts if (text := " ".join(part.split())))


# Folding for matching, one character for one so offsets carry over: any whitespace is a space,
# the curly apostrophe a straight one, every sigma "σ" (lower() picks "ς" by context), and
# "İ" an "i" (its lower() is two characters, the only one in Unicode). Then lower().
_FOLD = {
    **{code: " " for code in range(0x3001) if chr(code).isspace()},
    ord("’"): "'", ord("Σ"): "σ", ord("ς"): "σ", ord("İ"): "i",
}
_SPACE_RUN = re.compile(" {2,}")
_CONSONANT_Y = re.compile(r"[^\W\daeiou_]y\Z")


def _fold(text: str) -> str:
    return text.translate(_FOLD).lower()


def normalise_phrase(phrase: str) -> str:
    """The form two phrases share when they match the same words ("" for a blank phrase)."""
    return _fold(" ".join(unicodedata.normalize("NFC", phrase).split()))


def is_word_char(char: str) -> bool:
    """A letter, digit, underscore or combining mark: what a match may not touch."""
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


class PhraseMatcher(Generic[T]):
    """Finds many phrases in text at once, each mapped to a value (e.g. a glossary entry).

    All phrases are found in one pass by an Aho–Corasick automaton (pyahocorasick), so the
    cost grows with the length of the text, not with the number of phrases, and building it
    for 3,000 phrases takes milliseconds. A phrase listed twice keeps its first value.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        keys: dict[str, T] = {}
        for phrase, value in phrases:
            key = normalise_phrase(phrase)
            if not key:
                continue
            forms = (key, key[:-1] + "ies") if _CONSONANT_Y.search(key) else (key,)
            for form in forms:  # "-s" and "-es" are in the suffix pattern
                keys.setdefault(form, value)
        self._automaton = ahocorasick.Automaton()
        for key, value in keys.items():
            self._automaton.add_word(key, (len(key), value))
        self._empty = not keys
        self._values = tuple({id(value): value for value in keys.values()}.values())
        if keys:
            self._automaton.make_automaton()
        _suffix_pattern()  # compiled here, once per process, rather than in the first find()

    def __bool__(self) -> bool:
        return not self._empty

    @property
    def values(self) -> tuple[T, ...]:
        """The values some phrase leads to, in order (not one whose phrases were all taken)."""
        return self._values

    def find(self, text: str, *, word_before: bool = False, word_after: bool = False
             ) -> list[tuple[int, int, T]]:
        """Whole-word matches in ``text``: (start, end, value), leftmost-longest, in order.

        Offsets are in ``text``; ``end`` is after any plural or possessive.

        ``word_before`` and ``word_after`` say whether the text runs on, outside what is
        passed (across an inline tag, say), into a word character on that side.
        """
        matches, offsets = self._matches(text, word_before, word_after)
        if offsets is not None:
            matches = [(offsets[start], offsets[end], value) for start, end, value in matches]
        return matches

    def mentioned(self, text: str) -> list[T]:
        """The value of each match in ``text``, in order (``find`` without the offsets)."""
        return [value for _, _, value in self._matches(text, False, False)[0]]

    def _matches(self, text: str, word_before: bool, word_after: bool
                 ) -> tuple[list[tuple[int, int, T]], list[int] | None]:
        """Matches with offsets in the prepared text, and the map back to ``text``."""
        if self._empty or not text:
            return [], None
        scan, offsets = _prepare(text)
        # "x" stands in for a word character after the text, for the suffix check to see.
        suffix_text = scan + "x" if word_after else scan
        suffix = _suffix_pattern()
        candidates = []
        for last, (length, value) in self._automaton.iter(scan):
            start = last + 1 - length
            if (is_word_char(scan[start - 1]) if start else word_before):
                continue
            word_end = suffix.match(suffix_text, last + 1)
            if word_end is not None:
                candidates.append((start, word_end.end(), value))
        candidates.sort(key=lambda candidate: (candidate[0], -candidate[1]))
        matches = []
        taken_to = 0
        for candidate in candidates:
            if candidate[0] >= taken_to:
                matches.append(candidate)
                taken_to = candidate[1]
        return matches, offsets

    def replace(self, text: str, replacement: str) -> str:
        """``text`` with every mention replaced."""
        parts = []
        done = 0
        for start, end, _ in self.find(text):
            parts += (text[done:start], replacement)
            done = end
        parts.append(text[done:])
        return "".join(parts)


@cache
def _suffix_pattern() -> re.Pattern[str]:
    """What may follow a phrase in folded text: a plural, a possessive, then no word character."""
    return re.compile(rf"(?:e?s)?(?:'s)?(?![\w{_combining_marks()}])")


@cache
def _combining_marks() -> str:
    r"""Combining marks as regex class ranges.

    ``\w`` leaves marks out, so without them a phrase could end inside a decomposed "é" or a
    Devanagari syllable. Computed once per process (about 40 ms, in the first matcher).
    """
    marks = [
        code for code in itertools.chain(range(0x300, 0x30000), range(0xE0000, 0xE1000))
        if unicodedata.category(chr(code)).startswith("M")
    ]
    ranges = []
    for _, group in itertools.groupby(enumerate(marks), lambda pair: pair[1] - pair[0]):
        run = [code for _, code in group]
        ranges.append(rf"\U{run[0]:08x}-\U{run[-1]:08x}")
    return "".join(ranges)


def _prepare(text: str) -> tuple[str, list[int] | None]:
    """Text to match in, and the offset in ``text`` of each of its offsets (None: the same).

    NFC first, so a phrase typed with "é" matches text that spells it "e" + U+0301; then folded,
    and runs of whitespace made one space, so "physical\\n  dependence" matches.
    """
    offsets: list[int] | None = None
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text, offsets = _composed(text)
    folded = _fold(text)
    if "  " not in folded:
        return folded, offsets
    source = offsets if offsets is not None else range(len(folded) + 1)
    parts: list[str] = []
    collapsed: list[int] = []
    done = 0
    for spaces in _SPACE_RUN.finditer(folded):
        parts.append(folded[done:spaces.start() + 1])
        collapsed.extend(source[done:spaces.start() + 1])
        done = spaces.end()
    parts.append(folded[done:])
    collapsed.extend(source[done:])
    return "".join(parts), collapsed


def _composed(text: str) -> tuple[str, list[int]]:
    """NFC of ``text`` and where each of its offsets starts in ``text``.

    Each character that does not combine with the one before starts a cluster; clusters are
    composed one by one, and every character composed from a cluster maps to its start.
    """
    parts: list[str] = []
    offsets: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and unicodedata.combining(text[index]):
            continue
        cluster = unicodedata.normalize("NFC", text[start:index])
        parts.append(cluster)
        offsets.extend([start] * len(cluster))
        start = index
    offsets.append(len(text))
    return "".join(parts), offsets
