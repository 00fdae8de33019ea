"""Changing the throwaway site from outside, as its editors and cron do, and reading it back.

Shared by ``tests/resilience/test_freshness.py`` and ``benchmarks/freshness.py``. The
``prepare_*`` functions run inside the site's process, through ``manage.py shell``
(``shell(env, "from tests.support.freshness import ...")``).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

from tests.support.live_site import PYTHON, ROOT, Server, fetch

STAFF_PASSWORD = "freshness benchmark password"


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


def prepare_due_title(slug: str, title: str) -> int:
    """As above, scheduled a minute ago for a moment that has now passed: due at once.

    The clock is moved back (time-machine) while scheduling, so no one waits for it to pass.
    """
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    due = timezone.now() - timedelta(seconds=1)
    with time_machine.travel(due - timedelta(minutes=1), tick=True):
        return prepare_scheduled_title(slug, title, seconds=60)


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
        fields["note"] = "Changed by tests.support.freshness."
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(  # noqa: S310 (the local test server)
            self.server.url + path, data=data, headers={"Referer": self.server.url + path})
        with self.opener.open(request, timeout=30) as response:
            return response.status


def warm(server: Server, path: str, requests: int = 20) -> None:
    """Read a page often enough that every worker has it in its page cache."""
    for _ in range(requests):
        fetch(server.url + path)


def article_slugs() -> list[str]:
    return sorted(path.stem for path in (ROOT / "content" / "articles").glob("*.md"))
