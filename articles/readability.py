"""Reading-level checks for patient-facing text.

Pure Python (no Django imports) so the content tests, the admin editor and
one-off scripts all measure text the same way.

The grade is the Flesch–Kincaid US grade level computed by textstat 0.7.3
(which counts syllables with pyphen; newer textstat versions download NLTK
data at run time, which cannot happen here). "Glossary terms aside": every
glossary term or alias in the text is replaced by the one-syllable word
"term" before measuring, because a patient-facing page must still say
"benzodiazepine", and the glossary explains it right where it appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import textstat

_FENCED_CODE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`]*`")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_ATTR_LIST = re.compile(r"\{:?[^}]*\}")
_BLOCK_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*|!!!\s*\w+\s*)")
_URL = re.compile(r"https?://\S+")


def plain_text(markdown_text: str) -> str:
    """Markdown to plain prose: one sentence-like line per block or list item.

    Headings and list items that do not end in punctuation get a full stop, so
    a bulleted list counts as short sentences rather than one endless one.
    """
    text = _FENCED_CODE.sub(" ", markdown_text)
    text = _INLINE_CODE.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _ATTR_LIST.sub("", text)
    text = _HTML_TAG.sub(" ", text)
    text = _URL.sub(" ", text)
    lines = []
    for raw_line in text.splitlines():
        line = _BLOCK_PREFIX.sub("", raw_line).replace("*", "").replace("_", " ").strip()
        if not line or set(line) <= set("-=|: "):
            continue
        if line[-1] not in ".!?:;":
            line += "."
        lines.append(line)
    return "\n".join(lines)


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(p) for p in cleaned)
    # Whole words, simple plurals and possessives ("benzodiazepines", "GABA's").
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:es|s)?(?:'s|’s)?(?!\w)", re.IGNORECASE)


def strip_glossary_terms(text: str, phrases: Iterable[str]) -> str:
    pattern = _phrase_pattern(phrases)
    return pattern.sub("term", text) if pattern else text


def reading_grade(markdown_text: str, glossary_phrases: Iterable[str] = ()) -> float:
    """Flesch–Kincaid US grade of markdown text, glossary terms aside."""
    text = strip_glossary_terms(plain_text(markdown_text), glossary_phrases)
    if not text.strip():
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))


def word_count(markdown_text: str) -> int:
    return len(re.findall(r"\b\w[\w'’-]*\b", plain_text(markdown_text)))


def reading_minutes(markdown_text: str, words_per_minute: int = 200) -> int:
    return max(1, round(word_count(markdown_text) / words_per_minute))
