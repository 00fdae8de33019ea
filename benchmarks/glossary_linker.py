"""How long glossary linking takes on a large glossary and a long article.

Run by hand: ``.venv/bin/python benchmarks/glossary_linker.py [--runs 30] [--terms 2000]``.
Prints one table. Building the Linker is timed on its own because the glossary app builds it once
per glossary version and caches it; "cold" is what a page costs when nothing is cached.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from glossary.linker import GlossaryEntry, Linker

try:
    from core.markdown import render_markdown

    RENDERER = "core.markdown"
except ImportError:  # the pipeline is not there yet: the same two libraries, directly
    import markdown
    import nh3

    RENDERER = "Python-Markdown + nh3"

    def render_markdown(text: str) -> str:
        return nh3.clean(markdown.markdown(text, extensions=["tables", "fenced_code"]))


PREFIXES = ["benzo", "neuro", "cardio", "hepato", "psycho", "gaba", "sero", "dopa", "cortico",
            "myo", "anxio", "hypno", "seda", "thermo", "endo", "gluco", "hemo", "osteo"]
ROOTS = ["diaz", "toler", "recept", "synap", "lyt", "tox", "kinet", "morph", "plast", "genic",
         "tropic", "pathy", "metab", "clon", "alpraz", "loraz", "chlordi", "temaz", "nitraz"]
ENDINGS = ["epine", "ance", "itis", "osis", "ide", "ine", "ate", "ism", "ogen", "amine", "olam",
           "epam", "azole", "ergic", "ency", "ia"]
QUALIFIERS = ["physical", "chronic", "acute", "rebound", "protracted", "paradoxical", "tapering",
              "interdose", "post-acute", "receptor", "withdrawal", "cross", "long-term"]
HEADS = ["dependence", "tolerance", "syndrome", "effect", "symptom", "schedule", "reaction",
         "disorder", "half-life", "agonist", "antagonist", "seizure", "insomnia", "taper"]
SYLLABLES = ["ka", "lo", "ri", "ven", "tra", "xo", "mi", "zan", "dor", "pel", "qui", "sta", "nol",
             "vex", "tor", "lin", "sar", "ob"]
FILLER = [
    "the", "a", "of", "to", "and", "in", "is", "that", "it", "for", "as", "with", "was", "on",
    "be", "by", "this", "are", "or", "can", "your", "you", "may", "when", "some", "people",
    "who", "take", "doctor", "dose", "week", "month", "feel", "often", "more", "less", "not",
    "if", "but", "after", "before", "during", "about", "over", "slowly", "safely", "usually",
    "many", "most", "first", "time", "body", "brain", "sleep", "anxiety", "help", "change",
    "stop", "start", "reduce", "plan", "support"
]


def make_entries(count: int, rng: random.Random) -> list[GlossaryEntry]:
    phrases: set[str] = set()
    entries = []
    while len(entries) < count:
        word = rng.choice(PREFIXES) + rng.choice(ROOTS) + rng.choice(ENDINGS)
        shape = rng.random()
        if shape < 0.5:
            phrase = word
        elif shape < 0.8:
            phrase = f"{rng.choice(QUALIFIERS)} {word}"
        else:
            phrase = f"{rng.choice(QUALIFIERS)} {word} {rng.choice(HEADS)}"
        aliases = []
        if rng.random() < 0.3:  # brand names
            aliases = ["".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
                       for _ in range(rng.randint(1, 2))]
        candidate = (phrase, *aliases)
        if any(p.lower() in phrases for p in candidate):
            continue
        phrases.update(p.lower() for p in candidate)
        slug = "-".join(phrase.split()).lower()
        entries.append(GlossaryEntry(slug, f"/glossary/{slug}/",
                                     f"A short plain definition of {phrase}.", candidate))
    return entries


def make_article(entries: list[GlossaryEntry], words: int, rng: random.Random) -> str:
    mentioned = rng.sample(entries, min(400, len(entries)))

    def sentence() -> str:
        tokens = []
        for _ in range(rng.randint(8, 20)):
            if rng.random() < 0.12:
                term = rng.choice(rng.choice(mentioned).phrases)
                tokens.append(rng.choice([term, term + "s", term.title(), f"*{term}*"]))
            else:
                tokens.append(rng.choice(FILLER))
        return " ".join(tokens).capitalize() + "."

    blocks: list[str] = []
    count = 0
    while count < words:
        kind = rng.random()
        if kind < 0.08:
            block = f"## {sentence()[:-1]}"
        elif kind < 0.2:
            block = "\n".join(f"- {sentence()}" for _ in range(rng.randint(2, 5)))
        elif kind < 0.25:
            block = "```\n" + "\n".join(f"{rng.choice(mentioned).phrases[0]} = {rng.random()}"
                                        for _ in range(3)) + "\n```"
        else:
            parts = [sentence() for _ in range(rng.randint(3, 7))]
            term = rng.choice(mentioned)
            parts.insert(1, f"See [{term.phrases[0]}](https://example.org/{term.slug}) and "
                            f"`{term.phrases[0]}` & R&D < 5.")
            block = " ".join(parts)
        blocks.append(block)
        count += len(block.split())
    return "\n\n".join(blocks)


def measure(action: Callable[[], object], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--words", type=int, default=5000)
    options = parser.parse_args()
    rng = random.Random(20240601)
    entries = make_entries(options.terms, rng)
    article = make_article(entries, options.words, rng)

    started = time.perf_counter()
    linker = Linker(entries)  # the first build also computes the combining-mark class
    first_build = (time.perf_counter() - started) * 1000
    html = render_markdown(article)
    links = len(linker.link(html).slugs)

    def cold() -> None:
        Linker(entries).link(render_markdown(article))

    rows = [
        ("build Linker", measure(lambda: Linker(entries), options.runs), ""),
        ("markdown render", measure(lambda: render_markdown(article), options.runs), ""),
        ("link only", measure(lambda: linker.link(html), options.runs), links),
        ("cold: build + render + link", measure(cold, options.runs), links),
    ]
    print(f"{len(entries)} entries ({sum(len(e.phrases) for e in entries)} phrases), "
          f"{len(article.split())}-word article, {len(html):,} bytes of HTML, "
          f"renderer: {RENDERER}, {options.runs} runs, first build in process {first_build:.1f} ms")
    print(f"{'step':<30} {'median ms':>10} {'p95 ms':>8} {'min ms':>8} {'links':>6}")
    for name, timings, made in rows:
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        print(f"{name:<30} {statistics.median(timings):>10.2f} {p95:>8.2f} {min(timings):>8.2f} "
              f"{made:>6}")


if __name__ == "__main__":
    main()
