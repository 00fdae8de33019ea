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

The helpers at the top (``local_env``, ``Staff``, the ``prepare_*`` functions run through
``manage.py shell``) are shared with ``tests/resilience/test_freshness.py``.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import PYTHON, ROOT, Server, build_site, fetch, gunicorn

STAFF_PASSWORD = "freshness benchmark password"  # noqa: S105 (a throwaway local account)


def local_env(workdir: Path) -> dict[str, str]:
    """What ``make run`` sets: local mode, the data in ``VAR_DIR``, SQLite, no Redis."""
    inherited = {k: v for k, v in os.environ.items()
                 if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "DEBUG", "SECRET_KEY",
                              "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "VAR_DIR",
                              "MEDIA_ROOT", "PAGE_CACHE_SECONDS", "CDN_PURGE_URL",
                              "CDN_PURGE_TOKEN", "SITE_URL"}}
    return {
        **inherited,
        "DJANGO_ENV": "local",
        # The local settings, with static files from the finders so nothing is collected.
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "VAR_DIR": str(workdir / "var"),
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "GUNICORN_ACCESS_LOG": "off",
        "LOG_LEVEL": "WARNING",
    }


def shell(env: dict[str, str], code: str) -> str:
    """Run Python in ``manage.py shell`` as its own process; its last printed line."""
    result = subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                            text=True, capture_output=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py shell failed:\n{result.stdout}{result.stderr}")
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def publish_scheduled(env: dict[str, str]) -> str:
    result = subprocess.run([PYTHON, "manage.py", "publish_scheduled"], cwd=ROOT, env=env,
                            text=True, capture_output=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"publish_scheduled failed:\n{result.stdout}{result.stderr}")
    return result.stdout


# --- run inside the site's process (``manage.py shell``) --------------------------------------

def _person(role: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from editorial.models import ReviewerProfile
    from editorial.roles import ADMINISTRATOR, CLINICAL_REVIEWER

    user, created = get_user_model().objects.get_or_create(
        username="freshness-" + role.lower().replace(" ", "-"), defaults={"is_staff": True})
    if created:
        user.set_password(STAFF_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        if role in (CLINICAL_REVIEWER, ADMINISTRATOR):
            ReviewerProfile.objects.create(user=user, display_name="Dr Fresh Ness",
                                           credentials="MD")
    return user


def prepare_approved_title(slug: str, title: str) -> int:
    """Give a live article an approved (not yet published) revision with a new title."""
    from articles.models import Article
    from editorial import workflow
    from editorial.roles import AUTHOR, CLINICAL_REVIEWER

    article = Article.objects.get(slug=slug)
    author, reviewer = _person(AUTHOR), _person(CLINICAL_REVIEWER)
    article.save_revision(user=author, content={**article.latest_revision.content,
                                                "title": title})
    workflow.submit(article, user=author)
    workflow.approve(article, user=reviewer)
    return article.pk


def prepare_scheduled_title(slug: str, title: str, seconds: float = 1.0) -> int:
    """As above, scheduled to go live ``seconds`` from now."""
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article
    from editorial import workflow
    from editorial.roles import PUBLISHER

    pk = prepare_approved_title(slug, title)
    workflow.schedule(Article.objects.get(pk=pk), user=_person(PUBLISHER),
                      go_live_at=timezone.now() + timedelta(seconds=seconds))
    return pk


def prepare_staff_session(role: str) -> str:
    """A signed-in admin session (password and second factor passed) for a person in ``role``."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = _person(role)
    device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
              or TOTPDevice.objects.create(user=user, name="freshness", confirmed=True))
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


# --- the reader's and the publisher's side, over HTTP ------------------------------------------

class Staff:
    """A signed-in publisher using the admin of a running server, with its cookies."""

    def __init__(self, server: Server, session_key: str):
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        host = urllib.parse.urlsplit(server.url).hostname
        self.jar.set_cookie(http.cookiejar.Cookie(
            0, "sessionid", session_key, None, False, host, False, False, "/", True, False,
            None, False, None, None, {}))

    def transition(self, model_path: str, pk: int, action: str) -> int:
        """Confirm a workflow action on its own admin page, as a publisher does; the status."""
        path = f"/admin/{model_path}/{pk}/workflow/{action}/"
        with self.opener.open(self.server.url + path, timeout=30) as response:
            html = response.read().decode()
        # The action's form: its CSRF token and the revision it names (id and hash).
        form = re.search(r'<form method="post" action="' + re.escape(path) + r'"[^>]*>(.*?)</form>',
                         html, re.S).group(1)
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        fields["note"] = "Measured by benchmarks/freshness.py."
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(  # noqa: S310 (the local test server)
            self.server.url + path, data=data, headers={"Referer": self.server.url + path})
        with self.opener.open(request, timeout=30) as response:
            return response.status


def warm(server: Server, path: str, requests: int = 20) -> None:
    """Read a page often enough that every worker has it in its page cache."""
    for _ in range(requests):
        fetch(server.url + path)


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


def article_slugs() -> list[str]:
    return sorted(path.stem for path in (ROOT / "content" / "articles").glob("*.md"))


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
            session = shell(env, "from benchmarks.freshness import prepare_staff_session; "
                                 "print(prepare_staff_session('Publisher'))")
            publisher = Staff(site, session)

            def new_title_is_missing(title):
                return lambda status, html: status != 200 or title not in html

            # Admin publish.
            path = f"/articles/{published}/"
            title = "Freshly published wording"
            pk = int(shell(env, "from benchmarks.freshness import prepare_approved_title; "
                                f"print(prepare_approved_title({published!r}, {title!r}))"))
            warm(site, path)
            publisher.transition("articles/article", pk, "publish")
            rows.append(("admin publish", read_for(site, path, new_title_is_missing(title),
                                                   seconds=options.seconds,
                                                   rate=options.rate)))

            # Cron's publish_scheduled, as its own process.
            path = f"/articles/{scheduled}/"
            title = "Freshly scheduled wording"
            shell(env, "from benchmarks.freshness import prepare_scheduled_title; "
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
