"""Cold render of a 5,000-word article with 2,000 glossary terms, through the site's own code.

Run by hand: ``.venv/bin/python benchmarks/render.py [--runs 20] [--terms 2000] [--words 5000]``.
Builds a throwaway SQLite database in a temporary directory, stores the generated glossary as
live terms and the generated article (``glossary_linker.py``'s generators) as a live article,
then times each step readers and editors pay for: markdown → sanitize on save, building the
glossary linker from the live terms, linking, and the article page itself cold (nothing
cached) and warm (from the page cache, and with the page cache off). Prints one table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def measure(action: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None):
    timings = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--words", type=int, default=5000)
    options = parser.parse_args()

    temp = tempfile.TemporaryDirectory(prefix="benzo-render-")
    os.environ.update({
        "DJANGO_ENV": "local", "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": temp.name, "DATABASE_URL": f"sqlite:///{temp.name}/db.sqlite3",
        "ALLOWED_HOSTS": "testserver", "LOG_LEVEL": "WARNING",
    })
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    import glossary.rendering
    from articles.models import Article
    from benchmarks.glossary_linker import make_article, make_entries
    from core.markdown import render_document
    from editorial.models import Revision
    from glossary.models import GlossaryState, Term

    call_command("migrate", verbosity=0)
    rng = random.Random(20240601)
    entries = make_entries(options.terms, rng)
    body = make_article(entries, options.words, rng)
    Term.objects.bulk_create(
        Term(term=e.phrases[0], slug=e.slug, aliases=list(e.phrases[1:]),
             short_definition=e.short_definition, live=True)
        for e in entries
    )
    GlossaryState.bump()
    article = Article(slug="long-article")
    article.publish(article.save_revision(source=Revision.Source.IMPORT, content={
        "title": "A long article", "slug": "long-article", "summary": "Long.", "body": body,
        "key_points": [], "references": [], "notices": [], "glossary_exclude": [],
        "language": "en", "topics": [],
    }), actor_label="benchmark")
    article.refresh_from_db()
    version = GlossaryState.current()
    client = Client()
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200

    def forget_everything():
        cache.clear()
        glossary.rendering._linker = None

    def build_linker():
        glossary.rendering._linker = None
        return glossary.rendering.linker_for(version)

    linker = build_linker()
    links = len(linker.link(article.body_html).slugs)

    def cold_render():
        html = render_document(body).html
        build_linker().link(html)

    rows = [
        ("markdown → sanitize (on save)", measure(lambda: render_document(body), options.runs)),
        ("build linker from live terms", measure(build_linker, options.runs)),
        ("link (linker built)", measure(lambda: linker.link(article.body_html), options.runs)),
        ("cold render: all three", measure(cold_render, options.runs)),
        ("article page, nothing cached", measure(lambda: client.get(url), options.runs,
                                                 before=forget_everything)),
        ("article page, linker built", measure(lambda: client.get(url), options.runs,
                                               before=cache.clear)),
        ("article page, warm", measure(lambda: client.get(url), options.runs)),
    ]
    settings.PAGE_CACHE_SECONDS = 0
    rows.append(("article page, warm, no page cache",
                 measure(lambda: client.get(url), options.runs)))
    print(f"{options.terms} live terms ({sum(len(e.phrases) for e in entries)} phrases), "
          f"{len(body.split())}-word article, {len(article.body_html):,} bytes of HTML, "
          f"{links} distinct terms linked, {options.runs} runs, SQLite")
    print(f"{'step':<34} {'median ms':>10} {'p95 ms':>8} {'min ms':>8}")
    for name, timings in rows:
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        print(f"{name:<34} {statistics.median(timings):>10.2f} {p95:>8.2f} {min(timings):>8.2f}")
    temp.cleanup()


if __name__ == "__main__":
    main()
