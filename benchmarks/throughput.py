"""Requests/s of the site's pages against a bare Django view serving the same bytes.

Run by hand: ``.venv/bin/python benchmarks/throughput.py [--seconds 10] [--connections 16]``.
Needs ``wrk`` (Debian package). Builds a throwaway database in a temporary directory
(SQLite, or the database in ``DATABASE_URL`` if set) with the bundled content, serves it with
gunicorn in production settings on loopback, pre-fetches the article page, a term page and
home, and serves those bytes from a bare view (``bare_settings.py``: the same settings,
middleware and gunicorn config) in a second gunicorn. wrk then alternates between the two,
page by page. A third gunicorn serves the same bytes from Django with no apps and no middleware
(``truly_bare_settings.py``). Prints one table with both ratios (target: site ≥ 0.8 of each).
The bare side never goes through the page cache; ``--page-cache-seconds 0`` turns it off for
the site too, to measure the views themselves.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import (
    ROOT,
    WrkResult,
    build_site,
    fetch,
    gunicorn,
    production_env,
    run_wrk,
    wrk_available,
)


def largest(folder: Path) -> str:
    """The slug of the longest content file: the heaviest page of its kind."""
    return max(folder.glob("*.md"), key=lambda path: path.stat().st_size).stem


def pages_to_measure() -> list[tuple[str, str]]:
    return [
        ("article", f"/articles/{largest(ROOT / 'content' / 'articles')}/"),
        ("term", f"/glossary/{largest(ROOT / 'content' / 'glossary')}/"),
        ("home", "/"),
    ]


def save_pages(site_url: str, pages: list[tuple[str, str]], folder: Path) -> None:
    folder.mkdir()
    manifest = []
    for name, path in pages:
        status, headers, body = fetch(site_url + path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}; nothing to compare")
        (folder / f"{name}.html").write_bytes(body)
        manifest.append({"path": path, "file": f"{name}.html",
                         "content_type": headers.get("Content-Type", "text/html")})
    (folder / "pages.json").write_text(json.dumps(manifest))


def row(name: str, server: str, result: WrkResult) -> str:
    return (f"{name:<8} {server:<5} {result.requests_per_second:>9.0f} {result.p50_ms:>8.2f} "
            f"{result.p99_ms:>8.2f} {result.socket_errors:>7} {result.non_2xx_3xx:>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers (default: the config file's, from cores)")
    parser.add_argument("--rounds", type=int, default=1, help="alternations per page")
    parser.add_argument("--page-cache-seconds", type=int, default=None,
                        help="PAGE_CACHE_SECONDS for the site (default: the setting's; "
                             "0 measures the views themselves)")
    options = parser.parse_args()
    if not wrk_available():
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    with tempfile.TemporaryDirectory(prefix="benzo-throughput-") as temp:
        workdir = Path(temp)
        env = production_env(workdir, database_url=os.environ.get("DATABASE_URL"))
        print("building the site (migrate, import_content, collectstatic)...", flush=True)
        build_site(env)
        pages = pages_to_measure()
        if options.page_cache_seconds is not None:
            env["PAGE_CACHE_SECONDS"] = str(options.page_cache_seconds)
        # The bare view must really run on every request: no page cache in front of it.
        bare_env = {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.bare_settings",
                    "BARE_PAGES_DIR": str(workdir / "pages"), "PAGE_CACHE_SECONDS": "0"}
        # Truly bare: Django with no apps, no middleware and no database (issue 19).
        empty_env = {**bare_env, "DJANGO_SETTINGS_MODULE": "benchmarks.truly_bare_settings"}
        with gunicorn(env, log=workdir / "site.log", workers=options.workers) as site:
            save_pages(site.url, pages, workdir / "pages")
            with gunicorn(bare_env, log=workdir / "bare.log", workers=options.workers,
                          ready_path="/") as bare, \
                    gunicorn(empty_env, log=workdir / "empty.log", workers=options.workers,
                             app="benchmarks.truly_bare_wsgi:application",
                             ready_path="/") as empty:
                servers = (("site", site.url), ("bare", bare.url), ("empty", empty.url))
                results: dict[tuple[str, str], list[WrkResult]] = {}
                for name, path in pages:
                    for _, base in servers:  # warm every worker
                        run_wrk(base + path, seconds=1, connections=options.connections)
                    for _ in range(options.rounds):
                        for server, base in servers:
                            results.setdefault((name, server), []).append(run_wrk(
                                base + path, seconds=options.seconds,
                                connections=options.connections, threads=options.threads))

    workers = options.workers or f"{os.cpu_count() * 2 + 1} (from {os.cpu_count()} cores)"
    print(f"\ngunicorn sync workers: {workers}; wrk: {options.threads} thread(s), "
          f"{options.connections} connections, {options.seconds} s per run, "
          f"{options.rounds} round(s); database: {env['DATABASE_URL'].split(':')[0]}; "
          f"site page cache: {env.get('PAGE_CACHE_SECONDS', 'default')} s, bare: none")
    print("bare = the site's settings and middleware, one view serving the page's bytes; "
          "empty = Django with no apps and no middleware serving the same bytes")
    print(f"{'page':<8} {'serve':<5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
          f"{'non-2xx':>7}")
    for name, path in pages:
        best = {server: sorted(results[(name, server)], key=lambda r: r.requests_per_second)[
                    len(results[(name, server)]) // 2]
                for server in ("site", "bare", "empty")}
        for server in ("site", "bare", "empty"):
            print(row(name, server, best[server]))
        site_rps = best["site"].requests_per_second
        print(f"{'':<8} site/bare {site_rps / best['bare'].requests_per_second:.2f}, "
              f"site/empty {site_rps / best['empty'].requests_per_second:.2f}   ({path})")


if __name__ == "__main__":
    main()
