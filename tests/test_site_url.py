"""For local runs SITE_URL follows PORT (contract.md), so links and emails point at the server."""

import re
import subprocess

from tests.test_health_and_settings import ROOT, run_manage


def site_url(env):
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_manage("shell", "-c", code, env={"DJANGO_ENV": "local", **env})
    return result.stdout.split()[-1]


def test_local_site_url_follows_port(tmp_path):
    assert site_url({"PORT": "8201", "VAR_DIR": str(tmp_path)}) == "http://127.0.0.1:8201"


def test_local_site_url_defaults_to_port_8000(tmp_path):
    env = {"VAR_DIR": str(tmp_path), "PORT": ""}
    assert site_url(env) == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_over_port(tmp_path):
    env = {"PORT": "8201", "SITE_URL": "https://example.org/", "VAR_DIR": str(tmp_path)}
    assert site_url(env) == "https://example.org"


def test_make_run_passes_port_on_to_the_server():
    """`make run PORT=8201` and `PORT=8201 make run` both reach settings through the env."""
    result = subprocess.run(["make", "-n", "run", "PORT=8201"], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert re.search(r"--bind 127\.0\.0\.1:8201", result.stdout)
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^export PORT \?= 8000$", makefile, re.MULTILINE)
