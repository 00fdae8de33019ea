"""Writing checks shown beside the editor, for clinicians writing for patients.

Missing alt text is warned about with ``core.markdown.images_missing_alt``, the same rule that
blocks approval in the editorial workflow, so the editor warns about exactly what approval
will refuse. Checks read the HTML the site's own pipeline renders, so they see what
readers get: an image written as markdown, as a reference or as raw HTML is the same <img>.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import textstat

from core.markdown import collect_links_and_images, render_markdown
from core.readability import prose_measures, prose_of_html, strip_glossary_terms

TARGET_GRADE = 8
# A sentence longer than this is hard to follow on a phone, whatever its words.
LONG_SENTENCE_WORDS = 25
MAX_LISTED = 25
# Word endings and beginnings typical of medical vocabulary (drug classes, conditions,
# procedures). A word is only flagged when it is at least MIN_FLAGGED_LENGTH letters long.
_MEDICAL_WORD = re.compile(
    r"^(?:benzo|neuro|psycho|pharmaco|gaba|cardio|hepat|gastro|encephal|hypno|anxio|sedat)"
    r"|(?:azepam|azolam|olam|azepate|odiazepine|itis|osis|a?emia|ergic|ectomy|otomy|algia|pathy"
    r"|plasty|scopy|iatric|iatry|lytic|tropic|kinesia|somnia|phylaxis|plegia|receptor)s?$",
    re.IGNORECASE,
)
MIN_FLAGGED_LENGTH = 6
# Words this long (in syllables) are hard for many readers whatever they mean.
LONG_WORD_SYLLABLES = 5
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


@dataclass
class WritingReport:
    """What the panel beside the editor says. Grades are None when there is no text."""

    reading_grade: float | None  # Flesch–Kincaid, on the text as written
    target_grade: int
    words: int
    reading_minutes: int | None  # None: no text; 0: less than a minute
    smog_grade: float | None = None
    longest_sentence_words: int = 0
    longest_sentence: str = ""
    unexplained_words: list[str] = field(default_factory=list)
    images_missing_alt: list[str] = field(default_factory=list)
    insecure_links: list[str] = field(default_factory=list)

    @property
    def judged_grade(self) -> float | None:
        grades = [g for g in (self.reading_grade, self.smog_grade) if g is not None]
        return max(grades) if grades else None

    @property
    def grade_ok(self) -> bool:
        return self.judged_grade is None or self.judged_grade <= self.target_grade

    @property
    def sentence_ok(self) -> bool:
        return self.longest_sentence_words <= LONG_SENTENCE_WORDS

    def as_dict(self) -> dict:
        return {**asdict(self), "grade_ok": self.grade_ok, "judged_grade": self.judged_grade}


def unexplained_words(markdown: str, glossary_phrases=(), linker=None, *,
                      html: str | None = None) -> list[str]:
    """Medical-looking or very long words that no glossary term or alias explains.

    ``html``: the markdown as the pipeline renders it, when the caller has it already.
    """
    if html is None:
        html = render_markdown(markdown or "")
    text = strip_glossary_terms(prose_of_html(html), glossary_phrases)
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        key = word.casefold()
        if key in found or len(word) < MIN_FLAGGED_LENGTH:
            continue
        if not (_MEDICAL_WORD.search(word)
                or textstat.syllable_count(word) >= LONG_WORD_SYLLABLES):
            continue
        if linker is not None and linker.find_slugs(word):
            continue
        found[key] = word
    return sorted(found.values(), key=str.casefold)[:MAX_LISTED]


def writing_report(markdown: str) -> WritingReport:
    linker, phrases = glossary_for_checks()
    html = render_markdown(markdown or "")
    collector = collect_links_and_images(html=html)
    urls = dict.fromkeys(url for url in collector.urls if url.strip().lower().startswith("http:"))
    measures = prose_measures(prose_of_html(html))
    return WritingReport(
        reading_grade=measures.flesch_kincaid,
        target_grade=TARGET_GRADE,
        words=measures.words,
        reading_minutes=measures.reading_minutes,
        smog_grade=measures.smog,
        longest_sentence_words=measures.longest_sentence_words,
        longest_sentence=measures.longest_sentence,
        unexplained_words=unexplained_words(markdown, phrases, linker, html=html),
        images_missing_alt=[src for src, alt in collector.images if not alt.strip()],
        insecure_links=list(urls),
    )


def glossary_for_checks():
    """The live glossary's Linker (shared with the pages) and its phrases."""
    from glossary.models import GlossaryState
    from glossary.rendering import glossary_entries, linker_for

    phrases = tuple(phrase for entry in glossary_entries() for phrase in entry.phrases)
    return linker_for(GlossaryState.current()), phrases
