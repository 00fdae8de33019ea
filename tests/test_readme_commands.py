"""Finding 11: every shell command the README shows works as typed after `make run`.

A temporary clone of this repository (what is committed), with this virtualenv linked in as
its `.venv`, gets what `make run` does before serving (`make setup`); then each safe command
the README shows (import_content, export_content, rebuild_search_index, rebuild_listings,
check — never servers, never PostgreSQL migrations) runs in it exactly as written, with the
`export` lines of its own block before it. Before the fix they stopped with
"ImproperlyConfigured: SECRET_KEY is not set": production is the default and only the
Makefile set DJANGO_ENV=local.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAFE = re.compile(r"^\.venv/bin/python manage\.py "
                  r"(import_content|export_content|rebuild_search_index|rebuild_listings|check)\b")


def readme_commands() -> list[tuple[list[str], str]]:
    """(export lines of its block, command) for each safe command, in README order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[tuple[list[str], str]] = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", text, re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)  # continuation lines
        exports = []
        for line in joined.splitlines():
            command = line.split("  #")[0].strip()
            if command.startswith("export "):
                exports.append(command)
            elif SAFE.match(command):
                found.append((list(exports), command))
    for inline in re.findall(r"`([^`\n]+)`", text):
        if SAFE.match(inline.strip()):
            found.append(([], inline.strip()))
    return found


def clean_environment() -> dict[str, str]:
    """What a person's shell has: none of the test run's Django or database settings."""
    drop = {"DJANGO_ENV", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "VAR_DIR",
            "ALLOWED_HOSTS", "REDIS_URL", "MEDIA_ROOT", "DEBUG", "PYTEST_ADDOPTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory):
    if shutil.which("git") is None or shutil.which("make") is None:
        # A developer's machine without them skips; CI installs both, so there it must fail.
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail("git and make are missing: with CI=true the README commands must run")
        pytest.skip("needs git and make to clone the project and run `make setup`")
    clone = tmp_path_factory.mktemp("readme") / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    venv = Path(sys.prefix)
    (clone / ".venv").symlink_to(venv, target_is_directory=True)
    env = clean_environment()
    # What `make run` does before serving; -o keeps make from reinstalling into the linked
    # virtualenv (it is already installed, and belongs to the checkout running this test).
    result = subprocess.run(["make", "-o", ".venv/.installed", "-o", ".venv/bin/python",
                             "setup"], cwd=clone, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return clone


def test_the_readme_shows_the_commands_this_test_runs():
    commands = [command for _exports, command in readme_commands()]
    assert any("import_content" in c for c in commands)
    assert any("export_content" in c for c in commands)
    assert any("rebuild_search_index" in c for c in commands)
    assert any(" check " in c for c in commands)


@pytest.mark.parametrize("exports, command", readme_commands(),
                         ids=[c for _e, c in readme_commands()])
def test_a_readme_command_works_as_typed_after_make_run(fresh_clone, exports, command):
    script = "\n".join(["set -e", *exports, command])
    result = subprocess.run(["bash", "-c", script], cwd=fresh_clone, env=clean_environment(),
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "ImproperlyConfigured" not in output


def test_production_still_refuses_to_start_without_a_secret_key(fresh_clone):
    """The local file is for manage.py only: gunicorn's WSGI app in production mode refuses."""
    env = {**clean_environment(), "DJANGO_ENV": "production"}
    result = subprocess.run([".venv/bin/python", "manage.py", "check"], cwd=fresh_clone,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr
    result = subprocess.run([".venv/bin/python", "-c", "import config.wsgi"], cwd=fresh_clone,
                            env=clean_environment(), capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr
