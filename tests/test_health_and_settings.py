"""Start-up safety, check --deploy and /healthz against real databases."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x" * 60 + "-production-secret-for-the-check-only",
    "ALLOWED_HOSTS": "benzo.example.org",
    "SITE_URL": "https://benzo.example.org",
}


def run_manage(*args, env=None, timeout=120):
    base = {k: v for k, v in os.environ.items()
            if k not in {"DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG",
                         "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **(env or {})},
        capture_output=True, text=True, timeout=timeout,
    )


def test_check_deploy_is_clean_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_wildcard_allowed_hosts_is_refused():
    result = run_manage("check", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0
    assert "'*' is refused" in result.stderr


def test_production_settings_are_https_only():
    code = ("from django.conf import settings as s; "
            "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000)")
    result = run_manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split()[-5:] == ["False", "True", "True", "True", "True"], result.stderr


def test_local_mode_generates_a_secret_key_file(tmp_path):
    code = "from django.conf import settings; print(len(settings.SECRET_KEY) > 40)"
    result = run_manage("shell", "-c", code, env={"DJANGO_ENV": "local", "VAR_DIR": str(tmp_path)})
    assert result.stdout.split()[-1] == "True", result.stderr
    assert (tmp_path / "secret_key").exists()


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    """A real unreachable database (a path that can't exist, or a closed port), no mocks."""
    unreachable = (
        "postgres://nobody:nothing@127.0.0.1:9/none?connect_timeout=2"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else f"sqlite:///{tmp_path}/missing-dir/nested/db.sqlite3"
    )
    code = ("from django.test import Client; r = Client().get('/healthz'); "
            "print(r.status_code, r.get('Retry-After'))")
    result = run_manage("shell", "-c", code,
                        env={"DJANGO_ENV": "local", "DATABASE_URL": unreachable,
                             "VAR_DIR": str(tmp_path), "ALLOWED_HOSTS": "testserver"})
    assert result.stdout.split()[-2:] == ["503", "30"], result.stdout + result.stderr
    assert "Traceback" not in result.stdout
