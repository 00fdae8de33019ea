"""List pages and the sitemap with 100 articles and with 100,000: time and peak memory.

Run by hand: ``.venv/bin/python benchmarks/scale.py [--articles 100000] [--runs 5]``.
Builds a throwaway SQLite database in a temporary directory (or uses ``DATABASE_URL`` if set:
give it an empty database you can throw away), generates articles with ``bulk_create`` — first
100, then up to ``--articles`` — every one of them in the topic "everything" (a topic page's
worst case) and one in 10,000 also in "sparse" (a small topic among many articles), and
requests each page through Django's test client with the cache cleared first (the cold,
worst case). Time is the median of ``--runs``; peak memory is what
tracemalloc sees Python allocate during one request. The sitemap index and its first article
section are measured when ``/sitemap.xml`` resolves.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BODY = "## What it means\n\nPlain words about tolerance, dependence and withdrawal.\n"
SMALL = 100


def setup_django(temp: str) -> None:
    os.environ.update({
        "DJANGO_ENV": "local", "DJANGO_SETTINGS_MODULE": "config.settings", "VAR_DIR": temp,
        "ALLOWED_HOSTS": "testserver", "LOG_LEVEL": "ERROR",
    })
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{temp}/db.sqlite3")
    import django

    django.setup()


def generate(start: int, stop: int, topics, sparse) -> None:
    """Articles ``start`` to ``stop``, all in ``topics``; every 10,000th also in ``sparse``.

    ``bulk_create`` bypasses the signals that keep the article lists, so they are rebuilt
    afterwards (``manage.py rebuild_listings`` does the same).
    """
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from articles import listings
    from articles.models import Article
    from core.markdown import render_document

    html = render_document(BODY).html
    start_time = timezone.now() - timedelta(days=365)
    batch = 5000
    for first in range(start, stop, batch):
        articles = Article.objects.bulk_create(
            Article(title=f"Generated article {n:06d}", slug=f"generated-{n:06d}",
                    summary=f"A generated article, number {n}.", body=BODY, body_html=html,
                    live=True, first_published_at=start_time + timedelta(minutes=n),
                    last_published_at=start_time + timedelta(minutes=n),
                    last_significant_change=start_time + timedelta(minutes=n))
            for n in range(first, min(stop, first + batch))
        )
        if not all(a.pk for a in articles):  # backends that don't return ids on bulk insert
            slugs = [a.slug for a in articles]
            articles = list(Article.objects.filter(slug__in=slugs))
        Article.topics.through.objects.bulk_create(
            Article.topics.through(article_id=a.pk, topic_id=t.pk)
            for a in articles
            for t in [*topics, *([sparse] if int(a.slug[-6:]) % 10_000 == 0 else [])]
        )
    listings.rebuild()
    if connection.vendor == "postgresql":
        # What autovacuum does on a running site: the statistics and the visibility map that
        # let a deep page be read from the index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def pages(client, articles: int) -> dict[str, str]:
    """What to measure, by name; the sitemap only once ``/sitemap.xml`` resolves."""
    from django.urls import Resolver404, resolve

    named = {
        "home": "/",
        "article list, page 1": "/articles/",
        "article list, middle page": f"/articles/?page={(articles + 39) // 40}",
        "article list, last page": f"/articles/?page={(articles + 19) // 20}",
        "topic page, page 1": "/topics/everything/",
        "topic page, last page": f"/topics/everything/?page={(articles + 19) // 20}",
        "topic page, small topic": "/topics/sparse/",
        "article page, 1 topic": "/articles/generated-000001/",
        "article page, 2 topics": "/articles/generated-000000/",
    }
    try:
        resolve("/sitemap.xml")
    except Resolver404:
        return named
    named["sitemap.xml"] = "/sitemap.xml"
    index = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>\s*https?://[^/<]+(/[^<]*?)\s*</loc>", index)
    if "<sitemapindex" in index and locations:
        # The articles' first section: the biggest (up to 50,000 URLs each).
        articles = [loc for loc in locations if "article" in loc] or locations
        named["sitemap, 1st article section"] = articles[0].replace("&amp;", "&")
    return named


def measure(client, path: str, runs: int) -> tuple[float, float, int, int]:
    """Median ms, peak MB allocated during one request, response bytes, status."""
    from django.core.cache import cache

    timings = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    cache.clear()
    tracemalloc.start()
    response = client.get(path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(timings), peak, len(response.content), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    temp = tempfile.TemporaryDirectory(prefix="benzo-scale-")
    setup_django(temp.name)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Topic

    call_command("migrate", verbosity=0)
    everything = Topic.objects.create(title="Everything", slug="everything", summary="All.")
    sparse = Topic.objects.create(title="Sparse", slug="sparse", summary="One in 10,000.")
    client = Client()

    generate(0, SMALL, [everything], sparse)
    small = {name: measure(client, path, options.runs)
             for name, path in pages(client, SMALL).items()}
    started = time.perf_counter()
    generate(SMALL, options.articles, [everything], sparse)
    generated_in = time.perf_counter() - started
    large_paths = pages(client, options.articles)
    large = {name: measure(client, path, options.runs) for name, path in large_paths.items()}

    print(f"{connection.vendor}; {options.articles:,} articles generated in {generated_in:.1f} s "
          f"(bulk_create + rebuild_listings), all in one topic; "
          f"cache cleared before every request; "
          f"median of {options.runs}; peak = tracemalloc peak during one request")
    small_head, large_head = f"ms @{SMALL:,}", f"ms @{options.articles:,}"
    print(f"{'page':<30} {small_head:>10} {large_head:>12} {'ratio':>6}"
          f" {'peak MB':>8} {'KB':>8} {'status':>6}  path")
    for name, (ms, peak, size, status) in large.items():
        before = small.get(name)
        print(f"{name:<30} {before[0] if before else float('nan'):>10.1f} {ms:>12.1f} "
              f"{ms / before[0] if before else float('nan'):>6.1f} {peak:>8.1f} "
              f"{size / 1024:>8.1f} {status:>6}  {large_paths[name]}")
    if "sitemap.xml" not in large:
        print("/sitemap.xml does not resolve yet: no sitemap measured")
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    temp.cleanup()


if __name__ == "__main__":
    main()
