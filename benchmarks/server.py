"""wrk against a throwaway copy of the site (served by ``tests/support/live_site.py``).

Shared by ``throughput.py`` and ``load.py``. The server helpers are re-exported from
``tests.support.live_site``, where the resilience tests use them too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support.live_site import (  # noqa: F401 (re-exported for the benchmarks)
    GUNICORN,
    GUNICORN_CONFIG,
    PYTHON,
    ROOT,
    Server,
    build_site,
    fetch,
    free_port,
    gunicorn,
    manage,
    production_env,
    stop,
    wait_until_answering,
)

# --- wrk----------------------------------------------------------------------------------

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
