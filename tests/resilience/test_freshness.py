"""Readers get the new page at once after a change, from every worker of a real gunicorn.

The site is served as ``make run`` serves it: ``config/gunicorn.conf.py``, two sync workers,
local mode, SQLite and the local-memory cache in a temporary ``VAR_DIR``, no Redis. Both
workers have the article in their page cache before the change; the change is made by
another process (cron's ``publish_scheduled``) or by one of the two workers (the admin).
"""

import time

import pytest

from tests.support.freshness import (
    Staff,
    article_slugs,
    local_env,
    publish_scheduled,
    shell,
    warm,
)
from tests.support.live_site import build_site, fetch, gunicorn

CONSECUTIVE_READS = 20


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("freshness")
    env = local_env(workdir)
    build_site(env, collect_static=False)
    with gunicorn(env, log=workdir / "gunicorn.log", workers=2) as server:
        server.env = env
        yield server


def reads(site, path):
    return [fetch(site.url + path) for _ in range(CONSECUTIVE_READS)]


def test_every_worker_serves_the_new_text_right_after_cron_publishes(site):
    slug = article_slugs()[0]
    path = f"/articles/{slug}/"
    shell(site.env, "from tests.support.freshness import prepare_due_title; "
                    f"print(prepare_due_title({slug!r}, 'Wording from the schedule'))")
    warm(site, path)
    assert "Wording from the schedule" not in fetch(site.url + path)[2].decode()
    # HTTP dates are whole seconds: publish in a later second than the old bytes were dated, as
    # any real publish is, so a worker that never served the old bytes dates the new ones
    # alike. The workers are other processes, so this is real time, not a time-travel library.
    time.sleep(1.1)
    assert "1 page(s) published." in publish_scheduled(site.env)
    answers = reads(site, path)
    assert [status for status, _, _ in answers] == [200] * CONSECUTIVE_READS
    stale = [n for n, (_, _, body) in enumerate(answers)
             if "Wording from the schedule" not in body.decode()]
    assert stale == [], f"reads {stale} of {CONSECUTIVE_READS} showed the old page"
    # Both workers validate the new bytes alike: one ETag, one Last-Modified date.
    assert len({headers["ETag"] for _, headers, _ in answers}) == 1
    assert len({headers.get("Last-Modified") for _, headers, _ in answers}) == 1
    # The list shows it too, on whichever of its pages the article falls.
    assert any("Wording from the schedule" in fetch(site.url + f"/articles/?page={n}")[2].decode()
               for n in (1, 2, 3))


def test_every_worker_stops_serving_a_page_right_after_an_admin_unpublish(site):
    slug = article_slugs()[1]
    path = f"/articles/{slug}/"
    pk = int(shell(site.env, "from articles.models import Article; "
                             f"print(Article.objects.get(slug={slug!r}).pk)"))
    session = shell(site.env, "from tests.support.freshness import prepare_staff_session; "
                              "print(prepare_staff_session('Publisher'))")
    warm(site, path)
    assert fetch(site.url + path)[0] == 200
    assert Staff(site, session).transition("articles/article", pk, "unpublish") == 200
    statuses = [status for status, _, _ in reads(site, path)]
    assert 200 not in statuses, f"the unpublished page was served: {statuses}"
