"""How the search index splits text into words, shared by the indexer and the query parser.

The words of a page's HTML come from ``core.text.plain_text``, as everywhere else on the site.
No database here.
"""

from __future__ import annotations

import re
import unicodedata

# Queries longer than this are cut: enough for any real question, cheap for the database.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
MAX_WORD_LENGTH = 40
# Private-use characters mark highlighted words in snippets: they never occur in indexed text.
MARK_START, MARK_END = "\ue000", "\ue001"

_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
_SPACE = re.compile(r"\s+")

# English function words: they match nearly every page, so neither backend searches for them.
# (PostgreSQL's english configuration drops the same words; FTS5 would not.)
_STOPWORDS = """
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def clean(text: str) -> str:
    """Text without control characters or snippet markers, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, the way the search index splits it."""
    return [w for w in _WORD.findall(clean(text).casefold()) if len(w) <= MAX_WORD_LENGTH]


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity: shared trigrams over all trigrams of both words."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[-1], limit)
