"""How many requests are served stale right after a publish, an unpublish or a scheduled publish.

Run by hand: ``.venv/bin/python benchmarks/freshness.py [--seconds 10] [--workers 2]``.
Serves a throwaway copy of the site the way ``make run`` does (gunicorn with
``config/gunicorn.conf.py``, several workers, SQLite and the local-memory cache in a temporary
``VAR_DIR``, no Redis), makes every worker cache an article, then changes it three ways:

- *admin publish*: a publisher publishes an approved revision in the admin (one worker
  handles the POST);
- *publish_scheduled*: ``manage.py publish_scheduled`` run as its own process, as cron does;
- *admin unpublish*: a publisher unpublishes the page in the admin.

After each change it reads the page ``--rate`` times a second for ``--seconds`` seconds and
counts the answers that still show the old page. Prints one table.

The helpers (``local_env``, ``Staff``, the ``prepare_*`` functions run through
``manage.py shell``) live in ``tests/support/freshness.py``, shared with
``tests/resilience/test_freshness.py``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.freshness import (
    Staff,
    article_slugs,
    local_env,
    publish_scheduled,
    shell,
    warm,
)
from tests.support.live_site import Server, build_site, fetch, gunicorn


@dataclass
class Reading:
    requests: int
    stale: int
    last_stale_after: float | None


def read_for(server: Server, path: str, is_stale, *, seconds: float, rate: float) -> Reading:
    """Read ``path`` ``rate`` times a second for ``seconds``; count the stale answers."""
    start = time.monotonic()
    requests = stale = 0
    last_stale = None
    while (elapsed := time.monotonic() - start) < seconds:
        status, _, body = fetch(server.url + path)
        requests += 1
        if is_stale(status, body.decode(errors="replace")):
            stale += 1
            last_stale = elapsed
        time.sleep(max(0.0, start + requests / rate - time.monotonic()))
    return Reading(requests, stale, last_stale)


def title_of(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10,
                        help="how long to read after each change")
    parser.add_argument("--rate", type=float, default=20, help="reads a second")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (make run: 2)")
    options = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="benzo-freshness-") as temp:
        workdir = Path(temp)
        env = local_env(workdir)
        print("building the site (migrate, import_content)...", flush=True)
        build_site(env, collect_static=False)
        published, scheduled, unpublished = article_slugs()[:3]
        with gunicorn(env, log=workdir / "site.log", workers=options.workers) as site:
            session = shell(env, "from tests.support.freshness import prepare_staff_session; "
                                 "print(prepare_staff_session('Publisher'))")
            publisher = Staff(site, session)

            def new_title_is_missing(title):
                return lambda status, html: status != 200 or title not in html

            # Admin publish.
            path = f"/articles/{published}/"
            title = "Freshly published wording"
            pk = int(shell(env, "from tests.support.freshness import prepare_approved_title; "
                                f"print(prepare_approved_title({published!r}, {title!r}))"))
            warm(site, path)
            publisher.transition("articles/article", pk, "publish")
            rows.append(("admin publish", read_for(site, path, new_title_is_missing(title),
                                                   seconds=options.seconds,
                                                   rate=options.rate)))

            # Cron's publish_scheduled, as its own process.
            path = f"/articles/{scheduled}/"
            title = "Freshly scheduled wording"
            shell(env, "from tests.support.freshness import prepare_scheduled_title; "
                       f"print(prepare_scheduled_title({scheduled!r}, {title!r}, 1.0))")
            warm(site, path)
            time.sleep(1.1)
            publish_scheduled(env)
            rows.append(("publish_scheduled", read_for(site, path, new_title_is_missing(title),
                                                       seconds=options.seconds,
                                                       rate=options.rate)))

            # Admin unpublish.
            path = f"/articles/{unpublished}/"
            warm(site, path)
            pk = int(shell(env, "from articles.models import Article; "
                                f"print(Article.objects.get(slug={unpublished!r}).pk)"))
            publisher.transition("articles/article", pk, "unpublish")
            rows.append(("admin unpublish", read_for(site, path,
                                                     lambda status, html: status == 200,
                                                     seconds=options.seconds,
                                                     rate=options.rate)))

    print(f"\ngunicorn sync workers: {options.workers}; SQLite, local-memory cache, no Redis; "
          f"reading {options.rate:g}/s for {options.seconds:g} s after each change")
    print(f"{'change':<18} {'requests':>8} {'stale':>6} {'last stale after':>17}")
    for name, reading in rows:
        last = "-" if reading.last_stale_after is None else f"{reading.last_stale_after:.2f} s"
        print(f"{name:<18} {reading.requests:>8} {reading.stale:>6} {last:>17}")


if __name__ == "__main__":
    main()
