"""Every cache on the site: what it holds, where, under which key, and what makes it stale.

Read this before adding a cache. Each layer below is kept because a measurement justifies it
(``benchmarks/README.md``, "Caching layers"); a layer that only restated another's staleness
rule was removed (the per-address Last-Modified memory, the listings' version counter).

One rule makes pages stale: **the content generation** (this module). Any change a reader
could see moves it on, in whichever process made it, so the next request to any worker
renders afresh. It is moved on by:

- ``post_save``, ``post_delete`` and ``m2m_changed`` of any model except the quiet ones below
  (connected in ``CoreConfig.ready()``, so in web workers, cron jobs and shells alike);
- the publishing signals (``editorial.signals``: published, unpublished, archived, restored:
  the workflow changes state with ``queryset.update()``, which sends no ``post_save``),
  connected in ``EditorialConfig.ready()``.

It moves on immediately *and* again when the transaction commits: a page rendered in between
from the old rows is kept under a generation that is already gone.

The layers, outermost first:

1. **Page cache** (``config.page_cache``): the finished response (status, bytes, headers) of a
   public page for anonymous readers, in the default cache (local memory per worker, or Redis),
   keyed by ``page-cache:<generation>:sha256(scheme, host, language, path, query)``; served by
   ``PageCacheApplication`` in front of Django (``config.wsgi``) or ``PageCacheMiddleware``.
   Stale when the generation moves; entries expire after ``PAGE_CACHE_SECONDS`` (what no
   signal sees: a ``queryset.update()`` outside the workflow, wording that depends on today's
   date). Only GET/HEAD without a session cookie, outside the admin and static files, no query
   but ``?page=``, 200, no cookie set, marked ``public`` by the HTTP caching middleware.
2. **HTTP validators** (``seo.middleware``): nothing is stored. The ETag is a hash of the bytes
   (Django's ``set_response_etag``); Last-Modified is derived from the content's change date,
   ``changed_at()`` below (read before the view runs), never earlier than the process start (a
   deploy may change the bytes). Every page shows other content too (related articles, the
   glossary, topic lists), so the site's last change is the date that cannot be too early.
   304s come from Django's ``get_conditional_response``, the function behind its
   ``condition()`` decorator and ``ConditionalGetMiddleware``. Neither of those fits whole:
   ``condition()`` needs the validators before the view runs, and the ETag is of the bytes
   (a repeat request is answered by the page cache without rendering anyway);
   ``ConditionalGetMiddleware`` answers GET only, and HEAD must answer as GET here. Browsers
   and CDNs keep copies for ``max-age`` (5 min): that, not a purge, bounds what they show
   after a change (``seo.purge`` tells a CDN the changed addresses when ``CDN_PURGE_URL`` is
   set).
3. **Neighbourhood** (``articles.related``): an article page's topics and related articles, in
   the default cache, keyed by article, live revision and content generation; 5 minutes.
   Without it a warm article page costs 3-4 queries instead of 1-2.
4. **Glossary linker and linked HTML** (``glossary.rendering``): the ``Linker`` built from the
   live terms, once per process and *glossary version* (``glossary.models.GlossaryState``, a
   counter row bumped by any term change or term publishing signal, read in the same query as
   the page); linked HTML of an article body or term definition in the default cache, keyed by
   page, live revision, glossary version and exclusions; a day. The glossary version is kept
   apart from the content generation on purpose: an article publish must not make every
   worker rebuild the linker (about 100 ms with 2,000 terms, ``benchmarks/render.py``).

Not caches of pages, for completeness: the article lists (``articles.listings``) are
*denormalised rows* kept in step inside the publishing transaction, not a cache; the search
index is rebuilt on commit (``search``); template loaders cache compiled templates per process
in production (Django's cached loader).

Quiet writes (sessions, sign-in throttling, two-factor devices, reader feedback counters) move
nothing on: they never change what readers see.

Where the generation lives, and how processes agree on it:

- a small file in ``VAR_DIR`` (``content-generation``) that grows by one byte at each change:
  every process on the machine — each gunicorn worker, cron's ``publish_scheduled``, a shell —
  sees the same size with one ``stat()`` (a microsecond or two), so the default setup
  (several workers, local-memory caches, no Redis) agrees without any shared server. Appends
  are atomic, so two processes changing content at once both count. Its modification time is
  when content last changed on this machine;
- a counter and a change date in the cache, which several machines share when the cache is
  Redis (``REDIS_URL``). With the local-memory cache they are per process and add nothing.

With the local-memory cache the file alone is the generation. While a shared cache answers,
its counter alone is, so every machine uses the same keys and finds pages another machine
rendered; both count while Redis is down (each worker is then on its local fallback).

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
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

CACHE_KEY = "page-cache:generation"
CHANGED_AT_KEY = "page-cache:changed-at"
FILE_NAME = "content-generation"
# Writes that never change what readers see, and happen often enough to matter.
QUIET_APPS = frozenset({"sessions", "axes", "otp_totp", "otp_static", "django_otp"})
# Reader feedback is never shown on a page (correction notes are, so they are not listed).
QUIET_MODELS = frozenset({"feedback.helpfulvote", "feedback.problemreport",
                          "feedback.submissioncount"})
_file_failed = False


def path() -> str:
    return os.path.join(settings.VAR_DIR, FILE_NAME)


def _local_only() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith(".LocMemCache")


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


def _file_generation() -> str:
    state = _file_state()
    return f"{state.st_ino:x}-{state.st_size}" if state else "0"


def generation() -> str:
    """The generation now, as a short string to put in cache keys (checked on every request)."""
    if _local_only() and not _file_failed:
        return _file_generation()  # the cache's counter is this process's alone
    shared = _cache_generation()
    if getattr(caches["default"], "redis_is_down", False) or _file_failed:
        return f"{shared}.{_file_generation()}"
    return str(shared)


def changed_at() -> float:
    """When content readers see last changed (0 if never since the file was made)."""
    state = _file_state()
    local = state.st_mtime if state else 0.0
    if _local_only():
        return local
    return max(local, cache.get(CHANGED_AT_KEY) or 0.0)


def bump() -> None:
    """Content changed: every process's cached pages are stale from now on."""
    global _file_failed
    try:
        cache.incr(CACHE_KEY)
    except ValueError:  # not there yet, or evicted
        cache.set(CACHE_KEY, time.time_ns(), None)
    if not _local_only():
        cache.set(CHANGED_AT_KEY, time.time(), None)
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


def bump_now_and_on_commit() -> None:
    bump()
    # Again once the transaction commits: a page rendered meanwhile from the old rows must not
    # be kept under the new generation.
    transaction.on_commit(bump)


def content_changed(sender, **kwargs) -> None:
    """Receiver for model and publishing signals: moves the generation on unless quiet."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and (meta.app_label in QUIET_APPS or meta.label_lower in QUIET_MODELS):
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    bump_now_and_on_commit()


def connect_model_signals() -> None:
    """Called once per process from ``CoreConfig.ready()``."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"content-generation-{id(signal)}",
                       weak=False)
