"""Redis as the shared cache, and the site still serving (with a warning) when it is down."""

import logging
import os
import subprocess
import sys

import pytest
from django.core.cache import cache

from tests.resilience.conftest import redis_cache_settings
from tests.support.live_site import ROOT, free_port

pytestmark = pytest.mark.django_db
PAGES = ["/", "/articles/", "/articles/tolerance/", "/glossary/"]


def test_rendered_article_html_is_shared_through_redis(client, settings, make_article,
                                                        redis_server):
    settings.CACHES = redis_cache_settings(redis_server.url)
    make_article("tolerance")
    assert client.get("/articles/tolerance/").status_code == 200
    assert redis_server.key_count() > 0


def test_pages_still_answer_200_when_redis_is_down(client, settings, make_article,
                                                   redis_server):
    settings.CACHES = redis_cache_settings(redis_server.url)
    make_article("tolerance")
    redis_server.stop()
    for path in PAGES:
        assert client.get(path).status_code == 200, path


def test_redis_outage_is_logged_as_one_warning_not_one_per_request(
    client, settings, make_article, redis_server, caplog
):
    settings.CACHES = redis_cache_settings(redis_server.url)
    make_article("tolerance")
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        for path in PAGES * 3:
            client.get(path)
    warnings = [r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING


def test_cache_serves_from_local_memory_while_redis_is_down(settings, redis_server):
    settings.CACHES = redis_cache_settings(redis_server.url)
    redis_server.stop()
    cache.set("greeting", "still here")
    assert cache.get("greeting") == "still here"


def test_cache_goes_back_to_redis_when_it_answers_again(settings, redis_server, caplog):
    settings.CACHES = redis_cache_settings(redis_server.url, RETRY_SECONDS=0)
    redis_server.stop()
    cache.set("greeting", "while down")
    redis_server.start()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        cache.set("greeting", "back")
    assert redis_server.key_count() == 1
    assert cache.get("greeting") == "back"
    assert "answering again" in caplog.text


def test_site_process_with_unreachable_redis_url_serves_pages_and_warns(tmp_path):
    """A real process, configured the way production is, with REDIS_URL pointing nowhere."""
    code = (
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "call_command('import_content', 'content/topics', 'content/articles/tolerance.md', "
        "'--publish', verbosity=0); "
        "from django.test import Client; c = Client(); "
        "print(*[c.get(p).status_code for p in ('/', '/articles/tolerance/', '/glossary/')])"
    )
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True,
        text=True, timeout=300,
        # The test settings serve static files without collectstatic, as a fresh clone has none.
        env={**env, "DJANGO_ENV": "local", "VAR_DIR": str(tmp_path),
             "DJANGO_SETTINGS_MODULE": "config.test_settings",
             "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "ALLOWED_HOSTS": "testserver",
             "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"},
    )
    assert result.stdout.split()[-3:] == ["200", "200", "200"], result.stdout + result.stderr
    assert "Redis cache unavailable" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_machines_sharing_redis_share_the_page_generation(settings, redis_server, tmp_path):
    """The generation is Redis's counter alone: another machine (here another process with
    its own VAR_DIR) uses the same keys, and a change it makes reaches this one at once."""
    from core import caching

    settings.CACHES = redis_cache_settings(redis_server.url)
    before = caching.generation()
    env = {**os.environ, "REDIS_URL": redis_server.url, "VAR_DIR": str(tmp_path / "other"),
           "DJANGO_SETTINGS_MODULE": "config.test_settings"}

    def other_machine(code):
        return subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                              env=env, check=True, capture_output=True, text=True,
                              timeout=120).stdout.strip().splitlines()[-1:]

    assert other_machine("from core import caching; print(caching.generation())") == [before]
    other_machine("from core import caching; caching.bump()")
    assert caching.generation() != before
