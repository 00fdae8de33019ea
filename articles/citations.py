"""Citation markers: ``[^key]`` in an article's markdown, keyed to its front-matter references.

An article's ``references`` are a list of ``{key, title, publisher, year, url}``. A sentence
cites one with ``[^key]`` (the footnote syntax, with no footnote definition below it). After
the markdown pipeline has rendered and sanitised the body, ``link_citations`` turns each
marker for a known key into a numbered link to that reference in the "Sources" list, and the
list links back to the first place each source is cited. Numbers follow the order of the
reference list, so "[2]" in the text is always the second source shown.

Keys are slugs, so the HTML made here needs no escaping beyond the reference number.
Markers for unknown keys are left as written (the importer refuses them), so nothing an
author types can inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

KEY = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MARKER = re.compile(rf"\[\^({KEY})\]")
# A footnote definition ("[^key]: text" at the start of a line) is markdown's, not a citation.
DEFINITION = re.compile(rf"^ {{0,3}}\[\^{KEY}\]:", re.MULTILINE)
SOURCE_ID_PREFIX = "source-"
CITE_ID_PREFIX = "cite-"


def reference_keys(references: Iterable[dict] | None) -> list[str]:
    return [r["key"] for r in references or [] if isinstance(r, dict) and r.get("key")]


def cited_keys(body: str) -> list[str]:
    """The keys cited in a markdown body, in order of first appearance."""
    seen: dict[str, None] = {}
    for key in MARKER.findall(DEFINITION.sub("", body or "")):
        seen.setdefault(key, None)
    return list(seen)


@dataclass(frozen=True)
class CitationCheck:
    unknown: list[str]   # cited but not in the reference list: an error
    uncited: list[str]   # in the reference list but never cited: a warning


def check(body: str, references: Iterable[dict] | None) -> CitationCheck:
    keys = reference_keys(references)
    cited = cited_keys(body)
    return CitationCheck(unknown=[k for k in cited if k not in keys],
                         uncited=[k for k in keys if k not in cited])


def link_citations(html: str, references: Iterable[dict] | None) -> str:
    """Numbered, accessible links in place of ``[^key]`` markers in rendered HTML."""
    numbers = {key: n for n, key in enumerate(reference_keys(references), start=1)}
    if not numbers or "[^" not in html:
        return html
    counts: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key not in numbers:
            return match.group(0)
        counts[key] = counts.get(key, 0) + 1
        anchor = CITE_ID_PREFIX + key + ("" if counts[key] == 1 else f"-{counts[key]}")
        label = escape(_("Source %(number)s") % {"number": numbers[key]})
        return (f'<sup class="citation" id="{anchor}"><a href="#{SOURCE_ID_PREFIX}{key}" '
                f'aria-label="{label}">[{numbers[key]}]</a></sup>')

    return MARKER.sub(replace, html)


def sentences_citing(body: str, key: str) -> list[str]:
    """The sentences (or list items) of a markdown body that cite ``key``, markers removed.

    For the reviewer: each source with the claims it is asked to support.
    """
    found = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*+] |\s*\d+\. )", body or ""):
        for sentence in re.split(r"(?:(?<=[.!?])|(?<=\]))\s+(?=[A-Z*\"“(])", block.strip()):
            if f"[^{key}]" in sentence:
                text = MARKER.sub("", sentence)
                text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text)
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "")
                found.append(" ".join(text.split()))
    return found
