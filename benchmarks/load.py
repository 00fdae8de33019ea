"""Sustained load against the site under gunicorn: zero errors and zero 5xx, p99 reported.

Run by hand: ``.venv/bin/python benchmarks/load.py [--seconds 60] [--connections 64]``.
Needs ``wrk``. Builds a throwaway copy of the site (SQLite, or ``DATABASE_URL`` if set) with
the bundled content, serves it with gunicorn in production settings on loopback, and runs one
wrk whose connections go round every article, every term page, home, the article list, the
topics and the glossary. Exits non-zero on any socket error, any response outside 2xx/3xx or
any traceback in gunicorn's log. Bounded: wrk stops by itself after ``--seconds``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import (
    ROOT,
    WrkResult,
    build_site,
    gunicorn,
    production_env,
    rotating_paths_script,
    run_wrk,
    wrk_available,
)


def paths() -> list[str]:
    content = ROOT / "content"
    return [
        "/", "/articles/", "/glossary/",
        *(f"/articles/{f.stem}/" for f in sorted((content / "articles").glob("*.md"))),
        *(f"/glossary/{f.stem}/" for f in sorted((content / "glossary").glob("*.md"))),
        *(f"/topics/{f.stem}/" for f in sorted((content / "topics").glob("*.md"))),
    ]


def run_load(site_url: str, workdir: Path, *, seconds: int, connections: int,
             only: str | None = None, timeout: int = 2) -> WrkResult:
    """wrk over every path in turn, or over ``only``; a request unanswered after ``timeout``
    seconds counts as a timeout, as wrk counts it by default."""
    script = None if only else rotating_paths_script(paths(), workdir)
    return run_wrk(site_url + (only or "/"), seconds=seconds, connections=connections,
                   threads=min(2, connections), script=script, timeout_seconds=timeout)


def failures(result: WrkResult, server_log: str) -> list[str]:
    problems = []
    if result.socket_errors:
        problems.append(f"{result.socket_errors} socket errors")
    if result.non_2xx_3xx:
        problems.append(f"{result.non_2xx_3xx} responses outside 2xx/3xx")
    if "Traceback" in server_log:
        problems.append("a traceback in gunicorn's log")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers (default: the config file's, from cores; "
                             "make run uses 2)")
    parser.add_argument("--path", default=None,
                        help="load this one path (e.g. /articles/tolerance/) instead of all")
    parser.add_argument("--timeout", type=int, default=2,
                        help="seconds before wrk counts a request as timed out (wrk's default)")
    parser.add_argument("--max-requests", type=int, default=None,
                        help="GUNICORN_MAX_REQUESTS for the run (default: the config file's)")
    options = parser.parse_args()
    if not wrk_available():
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="benzo-load-") as temp:
        workdir = Path(temp)
        env = production_env(workdir, database_url=os.environ.get("DATABASE_URL"))
        print("building the site (migrate, import_content, collectstatic)...", flush=True)
        build_site(env)
        if options.max_requests is not None:
            env["GUNICORN_MAX_REQUESTS"] = str(options.max_requests)
        with gunicorn(env, log=workdir / "gunicorn.log", workers=options.workers) as site:
            result = run_load(site.url, workdir, seconds=options.seconds,
                              connections=options.connections, only=options.path,
                              timeout=options.timeout)
        server_log = site.output()
    problems = failures(result, server_log)
    workers = options.workers or f"{os.cpu_count() * 2 + 1} (from {os.cpu_count()} cores)"
    target = options.path or f"{len(paths())} paths in turn"
    recycling = env.get("GUNICORN_MAX_REQUESTS", "the config file's")
    print(f"\nwrk: {options.connections} connections, {options.seconds} s, {target}; "
          f"gunicorn sync workers: {workers}, max_requests: {recycling}; "
          f"database: {env['DATABASE_URL'].split(':')[0]}")
    print(f"{'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>8} "
          f"{f'>{options.timeout} s':>6} {'errors':>6} {'non-2xx':>7}")
    print(f"{result.requests:>9} {result.requests_per_second:>7.0f} {result.p50_ms:>7.2f} "
          f"{result.p99_ms:>7.2f} {result.max_ms:>8.1f} {result.timeouts:>6} "
          f"{result.socket_errors:>6} {result.non_2xx_3xx:>7}")
    if problems:
        print("FAILED: " + "; ".join(problems))
        if "Traceback" in server_log:
            print(server_log)
        raise SystemExit(1)
    print("OK: zero errors, zero 5xx")


if __name__ == "__main__":
    main()
