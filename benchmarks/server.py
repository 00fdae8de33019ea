"""A throwaway copy of the site served by gunicorn on loopback, and wrk to measure it.

Shared by ``throughput.py``, ``load.py`` and the resilience tests. Everything lives in a
temporary directory and every process started here is stopped by the context managers.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
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

ROOT = Path(__file__).resolve().parent.parent
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


# --- wrk -------------------------------------------------------------------------------------

@dataclass
class WrkResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int
    non_2xx_3xx: int
    # Requests still unanswered after wrk's --timeout (2 s by default): also in socket_errors.
    timeouts: int = 0


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(url: str, *, seconds: int, connections: int, threads: int = 1,
            timeout_seconds: int = 10, script: Path | None = None) -> WrkResult:
    """One bounded wrk run (it stops by itself after ``seconds``)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
               f"--timeout={timeout_seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60,
                            check=True)
    return parse_wrk(result.stdout)


_DURATION = re.compile(r"([\d.]+)(us|ms|s|m)\b")
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    value, unit = _DURATION.fullmatch(text.strip()).groups()
    return float(value) * _UNITS_MS[unit]


def rotating_paths_script(paths: list[str], folder: Path) -> Path:
    """A wrk Lua script sending each connection's requests to ``paths`` in turn."""
    script = folder / "rotate.lua"
    quoted = ", ".join('"' + path.replace('"', "") + '"' for path in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )
    return script


def parse_wrk(output: str) -> WrkResult:
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    latency_max = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", output, re.MULTILINE)
    return WrkResult(
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]),
        max_ms=_ms(latency_max.group(1)),
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        timeouts=int(errors.group(4)) if errors else 0,
    )
