"""Tell a CDN in front of the site to drop the pages a publish, unpublish or archive changed.

Set ``CDN_PURGE_URL`` (and ``CDN_PURGE_TOKEN``) and every ``page_published``,
``page_unpublished`` and ``page_archived`` (``editorial.signals``) sends, once the change has
committed, the absolute addresses (from ``SITE_URL``) of the page itself, the lists that show
it (home, all articles, its topics, the glossary index), the sitemap and the feed:

- by default as Cloudflare's purge-by-URL call expects: ``POST`` with
  ``{"files": [url, ...]}`` and ``Authorization: Bearer <token>``; an endpoint of your own can
  accept the same;
- to Fastly (a ``CDN_PURGE_URL`` on ``api.fastly.com``) as its purge by surrogate key:
  ``POST`` with ``{"surrogate_keys": [tag, ...]}`` and ``Fastly-Key: <token>``, the keys being
  the ``Surrogate-Key`` names the pages carry (``core.cache_tags``).

The call is made by a background thread after the commit (changes that commit while it is
busy are sent together in its next call): it never delays or breaks publishing.
A failed call (an error status, a timeout, no connection) is retried ``CDN_PURGE_ATTEMPTS``
times in all with doubling waits from ``CDN_PURGE_BACKOFF_SECONDS``; each failure is logged as
a warning and giving up as an error. The thread is not a daemon, so a command such as
``publish_scheduled`` finishes its purge before the process exits.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from core import cache_tags
from editorial.signals import page_archived, page_published, page_unpublished

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
# Cloudflare takes at most 30 addresses per purge call (Fastly 256 keys).
URLS_PER_CALL = 30
GATHER_SECONDS = 0.2


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def affected(page) -> tuple[list[str], list[str]]:
    """The addresses and the cache tags of everything that shows ``page``."""
    label = page._meta.label_lower
    paths = [page.get_absolute_url()]
    tags = [cache_tags.item_tag(page)]
    if label == "articles.article":
        topics = list(page.topics.all())
        paths += [reverse("articles:home"), reverse("articles:list"),
                  *(topic.get_absolute_url() for topic in topics),
                  reverse("seo:article-feed")]
        tags += [cache_tags.LIST_ARTICLES, *(cache_tags.item_tag(t) for t in topics),
                 cache_tags.FEED]
    elif label == "glossary.term":
        paths.append(reverse("glossary:index"))
        tags += [cache_tags.LIST_GLOSSARY, cache_tags.GLOSSARY_LINKS]
    paths += [reverse("seo:sitemap"), *(reverse("seo:sitemap-section", kwargs={"section": s})
                                         for s in _sitemap_sections(label))]
    tags += [cache_tags.SITEMAP, cache_tags.MISSING]
    return list(dict.fromkeys(absolute(path) for path in paths)), tags


def _sitemap_sections(label: str) -> list[str]:
    return {"articles.article": ["articles", "topics"], "glossary.term": ["glossary"],
            "pages.page": ["pages"]}.get(label, [])


def request_for(urls: list[str], tags: list[str]) -> urllib.request.Request:
    endpoint, token = settings.CDN_PURGE_URL, settings.CDN_PURGE_TOKEN
    if urlsplit(endpoint).hostname == "api.fastly.com":
        body, headers = {"surrogate_keys": tags}, {"Fastly-Key": token} if token else {}
    else:
        body = {"files": urls}
        headers = {"Authorization": f"Bearer {token}"} if token else {}
    return urllib.request.Request(  # noqa: S310 (the operator's own setting)
        endpoint, data=json.dumps(body).encode(), method="POST",
        headers={**headers, "Content-Type": "application/json", "Accept": "application/json"})


def send(urls: list[str], tags: list[str]) -> bool:
    """Send one purge, retrying with backoff; True once the endpoint accepted it."""
    attempts = max(1, int(settings.CDN_PURGE_ATTEMPTS))
    wait = float(settings.CDN_PURGE_BACKOFF_SECONDS)
    for attempt in range(1, attempts + 1):
        try:
            with urllib.request.urlopen(request_for(urls, tags),  # noqa: S310 (operator's URL)
                                        timeout=TIMEOUT_SECONDS) as response:
                response.read()
            logger.info("CDN purge accepted (%s addresses): %s", len(urls), " ".join(urls))
            return True
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = (f"HTTP {error.code}" if isinstance(error, urllib.error.HTTPError)
                      else str(getattr(error, "reason", error)))
            if attempt == attempts:
                logger.error("CDN purge failed after %s attempts (%s); these addresses may be "
                             "served stale until they expire: %s", attempts, reason,
                             " ".join(urls))
                return False
            logger.warning("CDN purge attempt %s of %s failed (%s); retrying in %g s",
                           attempt, attempts, reason, wait)
            time.sleep(wait)
            wait *= 2
    return False


_queue: list[tuple[list[str], list[str]]] = []
_queue_lock = threading.Lock()
_worker: threading.Thread | None = None


def send_in_background(urls: list[str], tags: list[str]) -> None:
    """Queue a purge for the one background sender, starting it if it is not running.

    Changes committed together (a whole ``import_content --publish``, say) or while a purge is
    under way go out together, ``URLS_PER_CALL`` addresses a call, instead of as a thread and
    a call each.
    """
    global _worker
    with _queue_lock:
        _queue.append((urls, tags))
        if _worker is None:
            _worker = threading.Thread(target=_send_queued, name="cdn-purge")
            _worker.start()


def _send_queued() -> None:
    global _worker
    # The other pages of the same commit are queued within milliseconds: wait for them.
    time.sleep(GATHER_SECONDS)
    while True:
        with _queue_lock:
            if not _queue:
                _worker = None
                return
            batch = _queue[:]
            _queue.clear()
        urls = list(dict.fromkeys(url for urls, _ in batch for url in urls))
        tags = list(dict.fromkeys(tag for _, tags in batch for tag in tags))
        for start in range(0, max(len(urls), len(tags)), URLS_PER_CALL):
            send(urls[start:start + URLS_PER_CALL], tags[start:start + URLS_PER_CALL])


def page_changed(sender, instance, **kwargs):
    if not settings.CDN_PURGE_URL:
        return
    try:
        urls, tags = affected(instance)
    except Exception:  # a purge must never break publishing
        logger.exception("Could not work out which addresses to purge for %r", instance)
        return
    transaction.on_commit(lambda: send_in_background(urls, tags), robust=True)


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, page_archived):
        signal.connect(page_changed, dispatch_uid=f"cdn-purge-{id(signal)}", weak=False)
