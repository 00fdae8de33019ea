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

With the local-memory cache the file alone is the generation. While a shared cache answers,
its counter alone is, so every machine uses the same keys and finds pages another machine
rendered; both count while Redis is down (each worker is then on its local fallback).

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

from django.conf import settings
from django.core.cache import cache, caches

logger = logging.getLogger(__name__)

CACHE_KEY = "page-cache:generation"
FILE_NAME = "content-generation"
_file_failed = False


def path() -> str:
    return os.path.join(settings.VAR_DIR, FILE_NAME)


def _cache_generation() -> int:
    current = cache.get(CACHE_KEY)
    if current is None:
        # A fresh number, never a small one that an old key might still carry.
        cache.add(CACHE_KEY, time.time_ns(), None)
        current = cache.get(CACHE_KEY, 0)
    return current


def _file_state() -> os.stat_result | None:
    try:
        return os.stat(os.path.join(settings.VAR_DIR, FILE_NAME))
    except OSError:
        return None


def _file_generation() -> str:
    state = _file_state()
    return f"{state.st_ino:x}-{state.st_size}" if state else "0"


def current() -> str:
    """The generation now, as a short string to put in cache keys (checked on every request)."""
    if settings.CACHES["default"]["BACKEND"].endswith(".LocMemCache") and not _file_failed:
        return _file_generation()  # the cache's counter is this process's alone
    shared = _cache_generation()
    if getattr(caches["default"], "redis_is_down", False) or _file_failed:
        return f"{shared}.{_file_generation()}"
    return str(shared)


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
