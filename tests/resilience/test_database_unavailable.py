"""An unreachable database: a branded 503 with Retry-After, /healthz 503, never a traceback.

The site runs in a real gunicorn with production settings and a database it cannot reach.
"""

import os

import pytest

from tests.support.live_site import fetch, gunicorn, production_env

SITE_NAME = "Benzodiazepine Guide"


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("no-database")
    unreachable = (
        "postgres://nobody:nothing@127.0.0.1:9/none?connect_timeout=2"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else f"sqlite:///{workdir}/missing-dir/nested/db.sqlite3"
    )
    env = {**production_env(workdir, database_url=unreachable),
           # Static files from the finders, so the test needs no collectstatic.
           "DJANGO_SETTINGS_MODULE": "config.test_settings", "SITE_NAME": SITE_NAME,
           "LOG_LEVEL": "INFO"}
    with gunicorn(env, log=workdir / "gunicorn.log", workers=1) as server:
        yield server


@pytest.mark.parametrize("path", ["/", "/articles/tolerance/", "/glossary/", "/articles/"])
def test_pages_answer_503_with_retry_after(site_without_database, path):
    status, headers, _ = fetch(site_without_database.url + path)
    assert status == 503
    assert headers["Retry-After"] == "30"


def test_unavailable_page_is_branded_and_says_what_to_do(site_without_database):
    _, headers, body = fetch(site_without_database.url + "/articles/tolerance/")
    html = body.decode()
    assert headers["Content-Type"].startswith("text/html")
    assert SITE_NAME in html
    assert "temporarily unavailable" in html
    assert 'lang="en"' in html
    assert "/static/css/site.css" in html


def test_unavailable_page_is_never_cached(site_without_database):
    _, headers, _ = fetch(site_without_database.url + "/")
    assert headers["Cache-Control"] == "no-store"


def test_unavailable_page_keeps_the_security_headers(site_without_database):
    _, headers, _ = fetch(site_without_database.url + "/")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in headers


def test_healthz_answers_503(site_without_database):
    status, headers, _ = fetch(site_without_database.url + "/healthz")
    assert status == 503
    assert headers["Retry-After"] == "30"


def test_no_traceback_reaches_readers_or_the_log(site_without_database):
    _, _, body = fetch(site_without_database.url + "/articles/")
    assert b"Traceback" not in body
    log = site_without_database.output()
    assert "database unavailable for GET /articles/" in log
    assert "Traceback" not in log
