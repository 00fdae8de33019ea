"""Link the first mention of each glossary term in an article to the term's page.

Pure Python, no Django: the glossary app builds one ``Linker`` per glossary version (and caches
it); the article pipeline calls ``Linker.link`` on HTML that ``core.markdown`` has already
sanitized. Each linked mention carries the term's short definition inline, so it can be read and
announced with no JavaScript. The definition is not part of the page's text: the stylesheet
shows it only as a popover (so it is neither copied nor printed inline), and print gets a list
of the words used instead (``Linker.words``).

All terms are found in one pass over each run of text by an Aho–Corasick automaton
(pyahocorasick) holding every phrase: the cost grows with the length of the article, not with the
size of the glossary, and building it takes milliseconds (a trie-shaped regex did the same
matching, but compiling it for 2,000 terms took Python's regex compiler about 200 ms). Matching
is on case-folded text; word boundaries, plurals and possessives are checked around each
candidate, then the leftmost-longest candidates win.
"""

from __future__ import annotations

import html as html_lib
import itertools
import logging
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache

import ahocorasick

__all__ = ["GlossaryEntry", "LinkResult", "Linker"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GlossaryEntry:
    slug: str
    url: str  # e.g. "/glossary/tolerance/"
    short_definition: str  # plain text from editors: escaped on the way out
    phrases: tuple[str, ...]  # the term and its aliases: ("Clonazepam", "Klonopin", "Rivotril")


@dataclass(frozen=True)
class LinkResult:
    html: str
    slugs: tuple[str, ...]  # slugs linked, in order of first appearance


@dataclass(frozen=True)
class _Target:
    slug: str
    opening: str  # markup before the matched text
    closing: str  # markup after it


# Elements whose text is never linked: headings, links and code, plus form controls and
# <summary>, which are interactive already (a link inside them is invalid or unusable).
_NO_LINKS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp",
    "button", "label", "select", "option", "summary", "svg", "math", "template",
})
# Never linked either (script, style, ...): their content is not HTML, so it is skipped whole,
# up to the closing tag, without being tokenized.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                       "noframes"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
# Text on either side of these tags runs on in the same word: "<em>in</em>dependence" is one
# word, so neither half may match a term alone. Any other tag ends the word.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
                     "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
                     "sub", "sup", "time", "u", "var", "wbr"})

# A regex tokenizer is enough here, where a general HTML parser would be needed for arbitrary
# HTML: the input is nh3's serialization, so every "<" in text is written "&lt;", attribute values
# are quoted, comments are stripped and no script or style survives. What remains is a regular
# language of tags and text. Quoted values may still hold ">", and comments and raw-text elements
# are stepped over anyway, so a stray one does not derail the scan.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>"
    r"""|<(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.DOTALL,
)
_RAW_TEXT_END = {name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE) for name in _RAW_TEXT}
# The linker's own spans: output passed through again is left as it is.
_GLOSS_CLASS = re.compile(r"""\bclass\s*=\s*(?:"[^"]*|'[^']*)?\bgloss""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")

# Folding for matching, one character for one so offsets carry over: any whitespace is a space,
# the curly apostrophe a straight one, every sigma "σ" (lower() picks "ς" by context), and
# "İ" an "i" (its lower() is two characters, the only one in Unicode). Then lower().
_FOLD = {
    **{code: " " for code in range(0x3001) if chr(code).isspace()},
    ord("’"): "'", ord("Σ"): "σ", ord("ς"): "σ", ord("İ"): "i",
}
_SPACE_RUN = re.compile(" {2,}")
_SAFE_URL_SCHEMES = frozenset({"", "http", "https"})
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_CONSONANT_Y = re.compile(r"[^\W\daeiou_]y\Z")


class Linker:
    """Finds glossary phrases in sanitized HTML and links each entry's first mention.

    Built once per process and glossary version (``glossary.rendering.linker_for``); only its
    ``LinkResult``s go into Django's cache.
    """

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        entries = list(entries)
        targets: dict[str, _Target] = {}  # folded phrase -> target
        for entry in entries:
            if not _is_safe_url(entry.url):
                logger.warning("Glossary entry %r has an unsafe url; not linked.", entry.slug)
                continue
            target = _target(entry)
            for phrase in entry.phrases:
                for key in _phrase_keys(phrase):
                    targets.setdefault(key, target)  # a shared alias belongs to the first entry
        self._slugs = frozenset(target.slug for target in targets.values())
        self._words: dict[str, tuple[str, str, str]] = {}
        for entry in entries:
            if entry.slug in self._slugs and entry.slug not in self._words:
                self._words[entry.slug] = (entry.phrases[0] if entry.phrases else entry.slug,
                                           " ".join(entry.short_definition.split()), entry.url)
        self._automaton = ahocorasick.Automaton()
        for key, target in targets.items():
            self._automaton.add_word(key, (len(key), target))
        if targets:
            self._automaton.make_automaton()
        _suffix_pattern()  # compiled here, once per process, rather than in the first link()

    def link(self, html: str, *, exclude: Collection[str] = ()) -> LinkResult:
        """Link the first mention of each entry not in ``exclude`` (a collection of slugs)."""
        if not self._slugs or not html:
            return LinkResult(html, ())
        excluded = frozenset(exclude)
        # A mention of an excluded or already linked entry is still a mention: a shorter term
        # inside it is not linked instead ("alcohol" inside a second "alcohol use disorder").
        seen: set[str] = set(excluded)
        linked: list[str] = []
        wanted = len(self._slugs - excluded)
        out: list[str] = []
        copied_to = 0
        runs = _text_runs(html)
        for index, (start, end, linkable, joined) in enumerate(runs):
            if len(linked) == wanted:
                break
            if not linkable:
                continue
            word_before = joined and _is_word(_last_char(html, runs[index - 1]))
            word_after = (index + 1 < len(runs) and runs[index + 1][3]
                          and _is_word(_first_char(html, runs[index + 1])))
            scan, offsets = _prepare(html[start:end], decode_entities=True)
            for match_start, match_end, target in self._matches(scan, word_before, word_after):
                if target.slug in seen:
                    continue
                if offsets is not None:
                    match_start, match_end = offsets[match_start], offsets[match_end]
                    if match_start < 0 or match_end < 0:  # inside what one entity stands for
                        continue
                seen.add(target.slug)
                linked.append(target.slug)
                out += (html[copied_to:start + match_start], target.opening,
                        html[start + match_start:start + match_end], target.closing)
                copied_to = start + match_end
        if not linked:
            return LinkResult(html, ())
        out.append(html[copied_to:])
        return LinkResult("".join(out), tuple(linked))

    def words(self, slugs: Iterable[str]) -> list[tuple[str, str, str]]:
        """(term, short definition, url) for each of these slugs, once each, in their order."""
        return [self._words[slug] for slug in dict.fromkeys(slugs) if slug in self._words]

    def find_slugs(self, text: str) -> set[str]:
        """Slugs of every entry a plain text mentions, found by the same matching as ``link``."""
        if not self._slugs:
            return set()
        scan, _ = _prepare(text, decode_entities=False)
        return {target.slug for _, _, target in self._matches(scan, False, False)}

    def _matches(self, scan: str, word_before: bool, word_after: bool
                 ) -> list[tuple[int, int, _Target]]:
        """Whole-word matches in folded text, leftmost-longest, not overlapping.

        ``word_before`` and ``word_after`` say whether the text runs on, across an inline tag,
        into a word character on that side.
        """
        # "x" stands in for a word character after the run, for the suffix check to see.
        suffix_text = scan + "x" if word_after else scan
        suffix = _suffix_pattern()
        candidates = []
        for last, (length, target) in self._automaton.iter(scan):
            start = last + 1 - length
            if (_is_word(scan[start - 1]) if start else word_before):
                continue
            word_end = suffix.match(suffix_text, last + 1)
            if word_end is not None:
                candidates.append((start, word_end.end(), target))
        candidates.sort(key=lambda candidate: (candidate[0], -candidate[1]))
        matches = []
        taken_to = 0
        for candidate in candidates:
            if candidate[0] >= taken_to:
                matches.append(candidate)
                taken_to = candidate[1]
        return matches


def _is_safe_url(url: str) -> bool:
    # Escaping stops markup; it does not stop "javascript:". Browsers ignore whitespace and
    # control characters inside a scheme, so any such character rejects the url.
    if not url or _SPACE_OR_CONTROL.search(url):
        return False
    scheme = _URL_SCHEME.match(url)
    return (scheme.group()[:-1].lower() if scheme else "") in _SAFE_URL_SCHEMES


def _target(entry: GlossaryEntry) -> _Target:
    href = html_lib.escape(entry.url)
    definition = " ".join(entry.short_definition.split())
    if not definition:
        return _Target(entry.slug, f'<span class="gloss"><a class="gloss-term" href="{href}">',
                       "</a></span>")
    definition_id = html_lib.escape(f"gloss-def-{entry.slug}")
    return _Target(
        entry.slug,
        f'<span class="gloss"><a class="gloss-term" href="{href}"'
        f' aria-describedby="{definition_id}">',
        f'</a><span class="gloss-def" id="{definition_id}" role="tooltip">'
        f"{html_lib.escape(definition)}</span></span>",
    )


def _fold(text: str) -> str:
    return text.translate(_FOLD).lower()


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    key = _fold(" ".join(phrase.split()))
    if not key:
        return ()
    if _CONSONANT_Y.search(key):  # "therapy" -> "therapies"; "-s" and "-es" are in the suffix
        return key, key[:-1] + "ies"
    return (key,)


@cache
def _suffix_pattern() -> re.Pattern[str]:
    """What may follow a phrase in folded text: a plural, a possessive, then no word character."""
    return re.compile(rf"(?:e?s)?(?:'s)?(?![\w{_combining_marks()}])")


@cache
def _combining_marks() -> str:
    r"""Combining marks as regex class ranges.

    ``\w`` leaves marks out, so without them a term could end inside a decomposed "é" or a
    Devanagari syllable. Computed once per process (about 40 ms, in the first Linker()).
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


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def _text_runs(html: str) -> list[tuple[int, int, bool, bool]]:
    """Runs of text between tags: (start, end, linkable, joined to the previous run's word)."""
    runs = []
    open_elements: list[tuple[str, bool]] = []  # (name, forbids links)
    forbidding = 0
    joined = False
    position = 0
    while True:
        tag = _MARKUP.search(html, position)
        text_end = tag.start() if tag else len(html)
        if text_end > position:
            runs.append((position, text_end, forbidding == 0, joined))
            joined = True
        if tag is None:
            return runs
        position = tag.end()
        name = tag.group("name")
        if name is None:  # comment, doctype
            continue
        name = name.lower()
        if name not in _INLINE:
            joined = False
        if tag.group("close"):
            if any(open_name == name for open_name, _ in open_elements):
                while True:
                    open_name, forbids = open_elements.pop()
                    forbidding -= forbids
                    if open_name == name:
                        break
        elif name in _RAW_TEXT:
            raw_end = _RAW_TEXT_END[name].search(html, position)
            position = raw_end.start() if raw_end else len(html)
        elif name not in _VOID and not tag.group("attrs").endswith("/"):
            forbids = name in _NO_LINKS or (name == "span" and bool(
                _GLOSS_CLASS.search(tag.group("attrs"))))
            open_elements.append((name, forbids))
            forbidding += forbids


def _prepare(text: str, *, decode_entities: bool) -> tuple[str, list[int] | None]:
    """Folded text to match in, and the offset in ``text`` of each of its offsets (None: same).

    Runs of whitespace become one space, so "physical\n  dependence" matches.
    """
    decoded, offsets = _decode(text) if decode_entities else (text, None)
    folded = _fold(decoded)
    if "  " not in folded:
        return folded, offsets
    source = offsets if offsets is not None else range(len(text) + 1)
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


def _decode(text: str) -> tuple[str, list[int] | None]:
    """Text with entities decoded, and where each decoded offset starts in ``text``.

    Matching the decoded text means "&lt;" is never matched as "lt" and "R&amp;D" can match
    "R&D"; mapping back means the output keeps the input's own bytes. Offsets inside what one
    entity decodes to (a few decode to two characters) map to -1: no match may start or end there.
    """
    if "&" not in text:
        return text, None
    parts = []
    offsets: list[int] = []
    done = 0
    for entity in _ENTITY.finditer(text):
        parts.append(text[done:entity.start()])
        offsets.extend(range(done, entity.start()))
        character = html_lib.unescape(entity.group())
        parts.append(character)
        offsets.append(entity.start())
        offsets.extend([-1] * (len(character) - 1))
        done = entity.end()
    parts.append(text[done:])
    offsets.extend(range(done, len(text) + 1))
    return "".join(parts), offsets


def _first_char(html: str, run: tuple[int, int, bool, bool]) -> str:
    start, end = run[0], run[1]
    if html[start] == "&" and (entity := _ENTITY.match(html, start, end)):
        return html_lib.unescape(entity.group())[:1]
    return html[start]


def _last_char(html: str, run: tuple[int, int, bool, bool]) -> str:
    start, end = run[0], run[1]
    if html[end - 1] == ";":
        ampersand = html.rfind("&", max(start, end - 40), end)
        if ampersand >= 0 and (entity := _ENTITY.fullmatch(html, ampersand, end)):
            return html_lib.unescape(entity.group())[-1:]
    return html[end - 1]
