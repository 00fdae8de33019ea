"""Reading-level checks for patient-facing text.

Two measures of the text as written (``text_measures``), which the editor's writing checks
show: the Flesch–Kincaid grade and the SMOG grade. SMOG counts words of three or more
syllables, so it rises with long medical words where Flesch–Kincaid (an average of syllables
per word) lets short words hide them; both are shown, and the higher one is judged.


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

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

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


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
_WORD_RE = re.compile(r"\b\w[\w'’-]*\b")
WORDS_PER_MINUTE = 200
LESS_THAN_A_MINUTE_WORDS = 150


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if _WORD_RE.search(s)]


@dataclass(frozen=True)
class TextMeasures:
    words: int
    sentences: int
    flesch_kincaid: float | None  # None when there is nothing to measure
    smog: float | None
    longest_sentence_words: int
    longest_sentence: str
    reading_minutes: int | None  # None: no text; 0: less than a minute

    @property
    def grade(self) -> float | None:
        """The grade judged against the target: the higher of the two measures."""
        grades = [g for g in (self.flesch_kincaid, self.smog) if g is not None]
        return max(grades) if grades else None


def text_measures(markdown_text: str) -> TextMeasures:
    """Grades, sentence length, words and reading time of markdown as readers will read it.

    Every word counts, glossary terms included: a reader still has to read "benzodiazepine".
    """
    found = sentences(plain_text(markdown_text or ""))
    word_lists = [_WORD_RE.findall(sentence) for sentence in found]
    words = [word for word_list in word_lists for word in word_list]
    if not words:
        return TextMeasures(0, 0, None, None, 0, "", None)
    syllables = [max(1, textstat.syllable_count(word)) for word in words]
    sentence_count = len(found)
    fk = 0.39 * len(words) / sentence_count + 11.8 * sum(syllables) / len(words) - 15.59
    polysyllables = sum(1 for count in syllables if count >= 3)
    smog = 1.0430 * math.sqrt(polysyllables * 30 / sentence_count) + 3.1291
    longest = max(range(sentence_count), key=lambda i: len(word_lists[i]))
    if len(words) < LESS_THAN_A_MINUTE_WORDS:
        minutes = 0
    else:
        minutes = max(1, round(len(words) / WORDS_PER_MINUTE))
    return TextMeasures(
        words=len(words), sentences=sentence_count,
        flesch_kincaid=round(max(fk, 0.0), 1), smog=round(smog, 1),
        longest_sentence_words=len(word_lists[longest]), longest_sentence=found[longest],
        reading_minutes=minutes,
    )
