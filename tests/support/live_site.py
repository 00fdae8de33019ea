"""A throwaway copy of the site served by gunicorn on loopback.

Used by the resilience tests and by ``benchmarks/`` (which may import from ``tests.support``;
tests never import from ``benchmarks``). Everything lives in a temporary directory and every
process started here is stopped by the context managers.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(workdir: Path, *, database_url: str | None = None) -> dict[str, str]:
    """Production settings for plain HTTP on loopback: the only relaxation is the SSL redirect."""
    inherited = {k: v for k, v in os.environ.items()
                 if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "DEBUG", "SECRET_KEY",
                              "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "VAR_DIR"}}
    return {
        **inherited,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "VAR_DIR": str(workdir / "var"),
        "DATABASE_URL": database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        "GUNICORN_ACCESS_LOG": "off",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> None:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, text=True,
                            capture_output=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def build_site(env: dict[str, str], *, collect_static: bool = True) -> None:
    """Migrate, import the bundled content as live, and collect static files."""
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "import_content", "content", "--publish", "--only-new")
    if collect_static:
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, log: Path, workers: int | None = None,
             app: str = "config.wsgi:application", ready_path: str = "/healthz",
             extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """gunicorn with the site's own config file, on a free loopback port; stopped on exit."""
    port = free_port()
    command = [GUNICORN, "-c", str(GUNICORN_CONFIG), app, "--bind", f"127.0.0.1:{port}",
               "--no-control-socket"]
    if workers:
        command += ["--workers", str(workers)]
    with log.open("ab") as log_file:
        process = subprocess.Popen(command, cwd=ROOT, env={**env, **(extra_env or {})},
                                   stdout=log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_answering(server, ready_path)
        yield server
    finally:
        stop(process)


def wait_until_answering(server: Server, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{server.output()}")
        try:
            with urllib.request.urlopen(server.url + path, timeout=5):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answers; the status is for the caller to judge
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{server.output()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
