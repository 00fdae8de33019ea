"""Search latency over 10,000 generated articles, on the database DATABASE_URL points at.

Run by hand, once per backend:

    .venv/bin/python benchmarks/search.py                     # SQLite (FTS5)
    DATABASE_URL=postgres://user:pass@host/db .venv/bin/python benchmarks/search.py

Never touches your data: it builds a throwaway database next to the configured one (a
temporary SQLite file, or PostgreSQL's ``test_<name>`` database, dropped afterwards), imports
the bundled glossary and articles, adds generated live articles and rebuilds the index. Then it
times a fixed mix of queries through ``search.service.search`` (parse, synonyms, typo fixes,
match, count, first page, snippets) and through the whole results page, and prints a table of
medians and 95th percentiles. The target is a p95 of at most 30 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "klonopin withdrawl", "benzo", "clonazapam", "withdrawal symptoms", "taper schedule",
    "sleep", "tolerance", "how do I stop clonazepam safely", "protracted withdrawl", "xanax",
    "dose reduction", "anxiety", "seizure risk", "interdose", "withd", "klonipin",
    "rebound insomnia", "pregnancy", "zzqqx nothing matches", '"unbalanced (NEAR AND',
    "xanax addiction", "coming off xanax", "is it safe to stop clonazepam",
]
DOMAIN = ["benzodiazepine", "clonazepam", "withdrawal", "taper", "tolerance", "dose", "sleep",
          "anxiety", "seizure", "prescriber", "dependence", "insomnia", "rebound", "panic",
          "alprazolam", "lorazepam", "diazepam", "symptoms", "reduction", "schedule", "safely",
          "pharmacist", "pregnancy", "alcohol", "opioid", "memory", "falls", "tremor"]
FILLER = ["the", "a", "of", "to", "and", "in", "is", "that", "it", "for", "as", "with", "on",
          "be", "by", "this", "are", "or", "can", "your", "you", "may", "when", "some", "people",
          "who", "take", "doctor", "week", "month", "feel", "often", "more", "less", "not",
          "if", "but", "after", "before", "during", "about", "over", "slowly", "usually",
          "many", "most", "first", "time", "body", "brain", "help", "change", "stop", "start",
          "plan", "support", "family", "work", "day", "night", "talk", "questions", "notes"]
SYLLABLES = ["ka", "lo", "ri", "ven", "tra", "xo", "mi", "zan", "dor", "pel", "qui", "sta",
             "nol", "vex", "tor", "lin", "sar", "ob", "mu", "pha"]


def generated_article(number: int, rng: random.Random, rare_words: list[str]) -> dict:
    def sentence(length: int) -> str:
        words = [rng.choice(DOMAIN) if rng.random() < 0.15 else
                 rng.choice(rare_words) if rng.random() < 0.05 else rng.choice(FILLER)
                 for _ in range(length)]
        return " ".join(words).capitalize() + "."

    paragraphs = [" ".join(sentence(rng.randint(8, 16)) for _ in range(rng.randint(3, 5)))
                  for _ in range(rng.randint(4, 7))]
    title = " ".join(rng.choice(DOMAIN + FILLER[:20]) for _ in range(rng.randint(4, 8)))
    return {
        "title": title.capitalize()[:200], "slug": f"generated-{number}",
        "summary": sentence(12)[:160], "key_points": [sentence(8), sentence(8)],
        "body": "\n\n".join(paragraphs),
        "body_html": "".join(f"<p>{p}</p>" for p in paragraphs),
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(action, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock milliseconds per run; this process's CPU milliseconds appended to ``cpu``."""
    timings = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        timings.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - started_cpu) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each query")
    options = parser.parse_args()

    temp = tempfile.TemporaryDirectory(prefix="benzo-search-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.update({"DJANGO_ENV": "local", "VAR_DIR": temp.name, "LOG_LEVEL": "WARNING",
                       "ALLOWED_HOSTS": "testserver"})
    import django

    django.setup()
    from django.db import connections

    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        # A file, as in production, rather than the in-memory default for tests.
        database["TEST"]["NAME"] = f"{temp.name}/search-benchmark.sqlite3"

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases

    from articles.models import Article
    from search import indexing
    from search.models import SearchDocument, SearchWord
    from search.service import search

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        content = Path(__file__).resolve().parent.parent / "content"
        call_command("import_content", *(str(content / kind)
                     for kind in ("topics", "glossary", "articles")),
                     publish=True, verbosity=0)
        rng = random.Random(6)
        rare_words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                      for _ in range(15_000)]
        started = time.perf_counter()
        Article.objects.bulk_create(
            [Article(live=True, **generated_article(n, rng, rare_words))
             for n in range(options.articles)],
            batch_size=500,
        )
        made = time.perf_counter() - started
        started = time.perf_counter()
        indexing.rebuild()
        rebuilt = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # What autovacuum would have done on a site that has been running a while.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

        client = Client()
        rows, all_service, all_page, all_cpu = [], [], [], []
        load_before = os.getloadavg()[0]
        for query in QUERIES:
            search(query)  # warm: glossary synonyms, caches, query plans
            service = timed(lambda q=query: search(q), options.runs, all_cpu)
            page = timed(lambda q=query: client.get("/search/", {"q": q}), options.runs)
            all_service += service
            all_page += page
            rows.append((query, search(query).count, service, page))

        print(f"\nSearch benchmark: {connection.vendor} ({connection.Database.__name__} "
              f"{getattr(connection.Database, 'sqlite_version', '')}".rstrip() + "), "
              f"{SearchDocument.objects.count():,} documents "
              f"({options.articles:,} generated articles + bundled content), "
              f"{SearchWord.objects.count():,} distinct words, {options.runs} runs per query")
        print(f"setup: generated articles {made:.1f} s, rebuild_search_index {rebuilt:.1f} s\n")
        header = (f"{'query':<34} {'results':>7}  {'search median':>13} {'p95':>7}  "
                  f"{'page median':>11} {'p95':>7}")
        print(header)
        print("-" * len(header))
        for query, count, service, page in rows:
            print(f"{query[:34]:<34} {count:>7}  {statistics.median(service):>10.1f} ms "
                  f"{percentile(service, 0.95):>4.1f} ms  {statistics.median(page):>8.1f} ms "
                  f"{percentile(page, 0.95):>4.1f} ms")
        print("-" * len(header))
        print(f"{'all queries':<34} {'':>7}  {statistics.median(all_service):>10.1f} ms "
              f"{percentile(all_service, 0.95):>4.1f} ms  {statistics.median(all_page):>8.1f} ms "
              f"{percentile(all_page, 0.95):>4.1f} ms")
        print(f"\nthis process's CPU time per search: median {statistics.median(all_cpu):.1f} ms, "
              f"p95 {percentile(all_cpu, 0.95):.1f} ms"
              + (" (the PostgreSQL server's own work is not in it)"
                 if connection.vendor == "postgresql" else ""))
        print(f"load average while timing: {load_before:.1f} at the start, "
              f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} CPUs")
        target = percentile(all_service, 0.95) <= 30
        print(f"target p95 <= 30 ms for search (wall clock): {'met' if target else 'NOT met'}")
    finally:
        teardown_databases(old_config, verbosity=0)
        temp.cleanup()


if __name__ == "__main__":
    main()
