"""Gunicorn settings for the site: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

Every value can be overridden from the environment (names below) or on the command line.
Sync workers suit this site: pages are server-rendered from cached HTML and a fast database,
there is no long polling, and a CDN or nginx in front absorbs slow clients.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{_int('PORT', 8000)}"
wsgi_app = "config.wsgi:application"

# Workers from cores: (2 × cores) + 1 is gunicorn's own rule of thumb for sync workers.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# A page should take milliseconds; 30 s kills a stuck worker well before a reader gives up,
# and the graceful timeout lets in-flight requests finish on reload.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Load the site once in the arbiter, before forking: a worker starts in milliseconds (its
# pages, templates and code already imported) instead of booting Django on its own, and the
# workers share those pages of memory. Nothing touches the database at import time, so no
# connection is shared across the fork.
preload_app = True

# No recycling by default. With 2 workers and `max_requests` 2000 ± 200, 64 readers at once
# made each worker restart every few seconds; every restart cost a Django boot and an empty
# local page cache, and 64-128 requests in 20 s waited over 2 s (benchmarks/README.md, "Load").
# Memory stays flat under the load benchmark, so there is no leak to recycle away. A site that
# finds one sets GUNICORN_MAX_REQUESTS (the jitter keeps workers from restarting together).
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# The heartbeat file on a RAM-backed directory where there is one (as gunicorn's docs advise).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# The control socket lets `gunicornc` talk to the arbiter; the site doesn't use it, and it
# would be one more file to secure.
control_socket_disable = True

# GUNICORN_ACCESS_LOG=off turns the access log off (the benchmarks do, for both sides).
_access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-")
accesslog = None if _access_log == "off" else _access_log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Behind nginx or a load balancer on the same host, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
