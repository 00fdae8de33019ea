"""A short run of benchmarks/load.py in the suite: gunicorn under load, no errors, no 5xx.

The full run (64 connections, 60 s) is done by hand: ``.venv/bin/python benchmarks/load.py``.
"""

import pytest

from benchmarks.load import failures, paths, run_load
from benchmarks.server import build_site, fetch, gunicorn, production_env
from tests.resilience.conftest import require_tool


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("load")
    # Always a throwaway SQLite: the suite must never write into the database DATABASE_URL
    # names. Static files come from the finders, so nothing is collected into the checkout.
    env = {**production_env(workdir), "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    build_site(env, collect_static=False)
    with gunicorn(env, log=workdir / "gunicorn.log", workers=2) as server:
        yield server


def test_every_path_the_load_script_requests_answers_200(site):
    statuses = {path: fetch(site.url + path)[0] for path in paths()}
    assert set(statuses.values()) == {200}, statuses


def test_short_load_gives_zero_errors_and_zero_5xx(site, tmp_path):
    require_tool("wrk")
    result = run_load(site.url, tmp_path, seconds=5, connections=16)
    assert result.requests > 0
    assert failures(result, site.output()) == []
