"""The content generation: one value every process agrees on, moved on by any change readers see.

Cached pages (``config.page_cache``) are kept under the generation they were rendered in, so
moving it on makes every cached page stale at once, in every process that reads it. Two
places hold it, and the generation is both together:

- a small file in ``VAR_DIR`` (``content-generation``) that grows by one byte at each change:
  every process on the machine — each gunicorn worker, cron's ``publish_scheduled``, a shell —
  sees the same size with one ``stat()`` (a microsecond or two), so the default setup
  (several workers, local-memory caches, no Redis) agrees without any shared server. Appends
  are atomic, so two processes changing content at once both count;
- a counter in the cache, which several machines share when the cache is Redis
  (``REDIS_URL``). With the local-memory cache it is per process and adds nothing.

While a shared cache answers, the counter alone is the generation, so every machine uses the
same keys and finds pages another machine rendered; the file counts too when the cache is
local memory, or Redis is down and each worker is on its local fallback.

The file's modification time is when content last changed on this machine: HTTP
``Last-Modified`` dates never go earlier than that (``seo.middleware``).

If ``VAR_DIR`` is read-only the file part is skipped with one warning: a single process or a
shared cache still works; several workers with local-memory caches then agree only after
``PAGE_CACHE_SECONDS``.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

CACHE_KEY = "page-cache:generation"
FILE_NAME = "content-generation"
_file_failed = False


def path() -> Path:
    return Path(settings.VAR_DIR) / FILE_NAME


def _cache_generation() -> int:
    current = cache.get(CACHE_KEY)
    if current is None:
        # A fresh number, never a small one that an old key might still carry.
        cache.add(CACHE_KEY, time.time_ns(), None)
        current = cache.get(CACHE_KEY, 0)
    return current


def _file_state() -> os.stat_result | None:
    try:
        return os.stat(path())
    except OSError:
        return None


def _cache_is_shared() -> bool:
    backend = caches["default"]
    return not isinstance(backend, LocMemCache) and not getattr(backend, "redis_is_down", False)


def current() -> str:
    """The generation now, as a short string to put in cache keys."""
    shared = _cache_generation()
    if _cache_is_shared():
        return str(shared)
    state = _file_state()
    on_disk = f"{state.st_ino:x}-{state.st_size}" if state else "0"
    return f"{shared}.{on_disk}"


def changed_at() -> float:
    """When content last changed on this machine (0 if never since the file was made)."""
    state = _file_state()
    return state.st_mtime if state else 0.0


def bump() -> None:
    """Content changed: every process's cached pages are stale from now on."""
    global _file_failed
    try:
        cache.incr(CACHE_KEY)
    except ValueError:  # not there yet, or evicted
        cache.set(CACHE_KEY, time.time_ns(), None)
    try:
        descriptor = os.open(path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, b".")
        finally:
            os.close(descriptor)
    except OSError as error:
        if not _file_failed:
            logger.warning("Cannot write %s (%s): other processes on this machine will see "
                           "content changes only when their cached pages expire",
                           path(), error)
        _file_failed = True
