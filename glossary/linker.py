"""Link the first mention of each glossary term in an article to the term's page.

Pure Python, no Django: the glossary app builds one ``Linker`` per glossary version (and caches
it); the article pipeline calls ``Linker.link`` on HTML that ``core.markdown`` has already
sanitized. Each linked mention carries the term's short definition inline, so it can be read and
announced with no JavaScript. The definition is not part of the page's text: the stylesheet
shows it only as a popover (so it is neither copied nor printed inline), and print gets a list
of the words used instead (``Linker.words``).

Terms are found by ``core.text.PhraseMatcher``, the one phrase matcher the site has (whole words,
plurals and possessives, leftmost-longest), on each run of text between tags with its entities
decoded.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from core.text import (
    INLINE_TAGS,
    MARKUP,
    RAW_TEXT_END,
    RAW_TEXT_TAGS,
    VOID_TAGS,
    PhraseMatcher,
    is_word_char,
)

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
# Never linked either: raw-text elements (script, style, ...), skipped whole (core.text).

# The linker's own spans: output passed through again is left as it is.
_GLOSS_CLASS = re.compile(r"""\bclass\s*=\s*(?:"[^"]*|'[^']*)?\bgloss""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")

_SAFE_URL_SCHEMES = frozenset({"", "http", "https"})
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class Linker:
    """Finds glossary phrases in sanitized HTML and links each entry's first mention.

    Built once per process and glossary version (``glossary.rendering.linker_for``); only its
    ``LinkResult``s go into Django's cache.
    """

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        entries = list(entries)
        safe = []
        for entry in entries:
            if _is_safe_url(entry.url):
                safe.append(entry)
            else:
                logger.warning("Glossary entry %r has an unsafe url; not linked.", entry.slug)
        # A shared alias belongs to the first entry.
        self._matcher = PhraseMatcher(
            (phrase, target) for entry in safe for target in [_target(entry)]
            for phrase in entry.phrases)
        self._slugs = frozenset(target.slug for target in self._matcher.values)
        self._words: dict[str, tuple[str, str, str]] = {}
        for entry in entries:
            if entry.slug in self._slugs and entry.slug not in self._words:
                self._words[entry.slug] = (entry.phrases[0] if entry.phrases else entry.slug,
                                           " ".join(entry.short_definition.split()), entry.url)

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
            word_before = joined and is_word_char(_last_char(html, runs[index - 1]))
            word_after = (index + 1 < len(runs) and runs[index + 1][3]
                          and is_word_char(_first_char(html, runs[index + 1])))
            text, offsets = _decode(html[start:end])
            matches = self._matcher.find(text, word_before=word_before, word_after=word_after)
            for match_start, match_end, target in matches:
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
        return {target.slug for target in self._matcher.mentioned(text)}


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


def _text_runs(html: str) -> list[tuple[int, int, bool, bool]]:
    """Runs of text between tags: (start, end, linkable, joined to the previous run's word)."""
    runs = []
    open_elements: list[tuple[str, bool]] = []  # (name, forbids links)
    forbidding = 0
    joined = False
    position = 0
    while True:
        tag = MARKUP.search(html, position)
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
        if name not in INLINE_TAGS:
            joined = False
        if tag.group("close"):
            if any(open_name == name for open_name, _ in open_elements):
                while True:
                    open_name, forbids = open_elements.pop()
                    forbidding -= forbids
                    if open_name == name:
                        break
        elif name in RAW_TEXT_TAGS:
            raw_end = RAW_TEXT_END[name].search(html, position)
            position = raw_end.start() if raw_end else len(html)
        elif name not in VOID_TAGS and not tag.group("attrs").endswith("/"):
            forbids = name in _NO_LINKS or (name == "span" and bool(
                _GLOSS_CLASS.search(tag.group("attrs"))))
            open_elements.append((name, forbids))
            forbidding += forbids


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
