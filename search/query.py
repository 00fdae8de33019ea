"""From what a reader typed to what the index is asked: words, glossary synonyms, typo fixes.

The parsed query is plain data; each backend turns it into its own query language, so no
character a reader types ever reaches FTS5 or ``to_tsquery`` as syntax.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from search import text

MAX_PHRASE_WORDS = 4
MIN_FUZZY_LENGTH = 4
MIN_PREFIX_LENGTH = 3
MAX_CORRECTIONS = 2

# A page about a class of medicines answers questions about each of them: a member's names
# also match the class term's names ("xanax" finds what is said of benzodiazepines). Listed
# by glossary slug; a slug that isn't live is skipped.
MEDICINE_CLASSES = {
    "benzodiazepine": ("alprazolam", "chlordiazepoxide", "clobazam", "clonazepam",
                       "clorazepate", "diazepam", "lorazepam", "midazolam", "oxazepam",
                       "temazepam", "triazolam"),
    "z-drugs": ("eszopiclone", "zaleplon", "zolpidem", "zopiclone"),
}
# How readers say it, one way: each phrase also matches these words (not the reverse).
EVERYDAY_PHRASES = {
    **dict.fromkeys(("coming off", "come off", "came off", "get off", "getting off", "go off",
                     "going off", "quit", "quitting", "wean", "weaning", "stop", "stopping"),
                    ("taper", "stop")),
    **dict.fromkeys(("addicted", "hooked"), ("addiction",)),
}


@dataclass(frozen=True)
class Alternative:
    """A word or phrase that may stand for what was typed; ``prefix`` also matches longer words."""

    words: tuple[str, ...]
    prefix: bool = False
    # A class's name standing for one of its medicines ("benzodiazepine" for "xanax"): it finds
    # a page but doesn't make the page's title or summary a match (see the backends' tiers).
    broader: bool = False


@dataclass(frozen=True)
class Group:
    """One typed word (or glossary phrase) and everything it may match: any one will do."""

    typed: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    groups: tuple[Group, ...] = ()
    also_searched: tuple[str, ...] = field(default=())

    # Glossary terms (ids) whose own name or alias the reader typed.
    named_terms: tuple[int, ...] = field(default=())

    def __bool__(self):
        return bool(self.groups)

    @property
    def narrow(self) -> ParsedQuery:
        """The query without class names standing for a medicine: what a title must hold."""
        if not any(a.broader for g in self.groups for a in g.alternatives):
            return self
        return ParsedQuery(self.text, tuple(
            Group(g.typed, tuple(a for a in g.alternatives if not a.broader) or g.alternatives)
            for g in self.groups))


_lock = threading.Lock()
_phrases: tuple[int, dict[tuple[str, ...], tuple[Alternative, ...]]] | None = None
_named: dict[tuple[str, ...], int] = {}


def glossary_phrases() -> dict[tuple[str, ...], tuple[Alternative, ...]]:
    """Each live term's name and aliases, mapped to all of them (and a medicine's to its class's
    names, and everyday phrasings to what they mean); built once per glossary version."""
    global _phrases, _named
    from glossary.models import GlossaryState, Term

    version = GlossaryState.current()
    with _lock:
        if _phrases is not None and _phrases[0] == version:
            return _phrases[1]
    mapping: dict[tuple[str, ...], tuple[Alternative, ...]] = {}
    by_slug, named = {}, {}
    for term in Term.objects.live().only("slug", "term", "aliases"):
        by_slug[term.slug] = tuple(dict.fromkeys(
            tuple(text.words(p)) for p in term.phrases if text.words(p)
        ))
        named.update(dict.fromkeys(by_slug[term.slug], term.pk))
    member_class = {member: name for name, members in MEDICINE_CLASSES.items()
                    for member in members}
    for slug, phrases in by_slug.items():
        expanded = (*(Alternative(p) for p in phrases),
                    *(Alternative(p, broader=True)
                      for p in by_slug.get(member_class.get(slug), ()) if p not in phrases))
        for phrase in phrases:
            mapping.setdefault(phrase, expanded)
    for everyday, meanings in EVERYDAY_PHRASES.items():
        phrase = tuple(text.words(everyday))
        extra = tuple(Alternative((word,)) for word in meanings)
        mapping[phrase] = tuple(dict.fromkeys(
            (*mapping.get(phrase, (Alternative(phrase),)), *extra)))
    with _lock:
        _phrases, _named = (version, mapping), named
    return mapping


def named_term(typed: str) -> int | None:
    """The live glossary term whose name or alias is ``typed`` (or its singular), if any."""
    phrase = tuple(typed.split())
    found = _named.get(phrase)
    if found is None and len(phrase) == 1 and typed.endswith("s"):
        found = _named.get((typed[:-1],))
    return found


def parse(raw: str, backend) -> ParsedQuery:
    """Parse a reader's query. Never raises for any string."""
    cleaned = text.clean(raw)[: text.MAX_QUERY_LENGTH].strip()
    tokens = text.words(cleaned)[: text.MAX_QUERY_WORDS * 2]
    phrases = glossary_phrases()
    groups: list[Group] = []
    position = 0
    while position < len(tokens) and len(groups) < text.MAX_QUERY_WORDS:
        for size in range(min(MAX_PHRASE_WORDS, len(tokens) - position), 1, -1):
            phrase = tuple(tokens[position:position + size])
            if phrase in phrases:
                groups.append(Group(" ".join(phrase), phrases[phrase]))
                position += size
                break
        else:
            word = tokens[position]
            position += 1
            if word not in text.STOPWORDS:
                groups.append(Group(word, (Alternative((word,)),)))
    known = known_words(g.typed for g in groups)
    groups = _with_corrections(groups, phrases, known, backend)
    groups = _with_last_word_prefix(groups, known)
    extra = tuple(dict.fromkeys(
        " ".join(alt.words) for g in groups for alt in g.alternatives
        if not alt.prefix and " ".join(alt.words) != g.typed
    ))
    named = tuple(dict.fromkeys(
        pk for pk in (named_term(g.typed) for g in groups) if pk is not None))
    return ParsedQuery(cleaned, tuple(groups), extra, named)


def _synonyms(word: str, phrases) -> tuple[Alternative, ...]:
    for candidate in (word, word[:-1] if word.endswith("s") else None):
        if candidate and (candidate,) in phrases:
            return phrases[(candidate,)]
    return ()


def known_words(candidates) -> set[str]:
    """Which of these words the index holds."""
    from search.models import SearchWord

    single = [word for word in candidates if " " not in word]
    if not single:
        return set()
    return set(SearchWord.objects.filter(word__in=single).values_list("word", flat=True))


def _with_corrections(groups: list[Group], phrases, known: set[str], backend) -> list[Group]:
    """Add glossary synonyms and, for words the index does not hold, the likeliest spellings."""
    result = []
    for group in groups:
        if " " in group.typed:
            result.append(group)
            continue
        word = group.typed
        alternatives = [*group.alternatives, *_synonyms(word, phrases)]
        if word not in known and len(word) >= MIN_FUZZY_LENGTH and not word.isdigit():
            for correction in corrections(word, backend):
                alternatives.append(Alternative((correction,)))
                alternatives.extend(_synonyms(correction, phrases))
        result.append(Group(word, tuple(dict.fromkeys(alternatives))))
    return result


def corrections(word: str, backend) -> list[str]:
    """Index words within a small edit distance of ``word``, closest and commonest first."""
    limit = 1 if len(word) <= 5 else 2
    scored = []
    for candidate, count in backend.similar_words(word):
        distance = text.edit_distance(word, candidate, limit + 1)
        if distance <= limit:
            scored.append((distance, -text.similarity(word, candidate), -count, candidate))
    return [candidate for *_, candidate in sorted(scored)[:MAX_CORRECTIONS]]


def _with_last_word_prefix(groups: list[Group], known: set[str]) -> list[Group]:
    """An unfinished last word (one the index doesn't hold) also matches words it begins."""
    if not groups or " " in groups[-1].typed or len(groups[-1].typed) < MIN_PREFIX_LENGTH:
        return groups
    last = groups[-1]
    if last.typed in known:
        return groups
    return [*groups[:-1],
            Group(last.typed, (*last.alternatives, Alternative((last.typed,), prefix=True)))]
