"""Reading-level checks for patient-facing text.

Two measures of the text as written (``text_measures``), which the editor's writing checks
show: the Flesch–Kincaid grade and the SMOG grade. SMOG counts words of three or more
syllables, so it rises with long medical words where Flesch–Kincaid (an average of syllables
per word) lets short words hide them; both are shown, and the higher one is judged.

The text measured is what readers read: the markdown rendered by the site's pipeline
(``core.markdown``), then ``core.text.plain_text``, the same words the search index and the
editor's checks see.

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

from core.markdown import render_markdown
from core.text import PhraseMatcher, plain_text

_URL = re.compile(r"https?://\S+")
# "[^key]": a citation marker (articles.citations) or footnote reference before it is linked;
# readers see a number, not the key.
_MARKER = re.compile(r"\[\^[^\]\s]+\]")


def prose(markdown_text: str) -> str:
    """The plain text of markdown as readers read it, one sentence-like line per block.

    Blocks that do not end in punctuation (headings, list items, table cells) get a full stop,
    so a bulleted list counts as short sentences rather than one endless one. Web addresses
    shown as text and citation markers are not words.
    """
    return prose_of_html(render_markdown(markdown_text or ""))


def prose_of_html(html: str) -> str:
    """``prose`` of HTML the pipeline has already rendered."""
    lines = []
    for raw_line in plain_text(html).splitlines():
        line = " ".join(_URL.sub(" ", _MARKER.sub("", raw_line)).split())
        if not any(character.isalnum() for character in line):
            continue
        if line[-1] not in ".!?:;":
            line += "."
        lines.append(line)
    return "\n".join(lines)


def strip_glossary_terms(text: str, phrases: Iterable[str]) -> str:
    """``text`` with each mention of a glossary phrase (as the linker finds them) made "term"."""
    return PhraseMatcher((phrase, None) for phrase in phrases).replace(text, "term")


def reading_grade(markdown_text: str, glossary_phrases: Iterable[str] = ()) -> float:
    """Flesch–Kincaid US grade of markdown text, glossary terms aside."""
    text = strip_glossary_terms(prose(markdown_text), glossary_phrases)
    if not text.strip():
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))


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
    return prose_measures(prose(markdown_text))


def prose_measures(text: str) -> TextMeasures:
    """``text_measures`` of text ``prose`` has made."""
    found = sentences(text)
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
