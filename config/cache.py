"""A Redis cache that keeps the site serving when Redis is down.

Every worker shares Redis while it answers. When a Redis call fails, the backend logs one
warning, serves from a small per-process local-memory cache instead, and tries Redis again
after ``RETRY_SECONDS`` — so an outage costs each worker one short connect timeout per retry
window rather than one per request, and readers still get their pages.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Redis on a private network answers in well under a millisecond; a dead one must not hold a
# request for long.
DEFAULT_CONNECTION_OPTIONS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 0.5,
    "health_check_interval": 30,
}


class FallbackRedisCache(RedisCache):
    """Django's RedisCache, falling back to local memory (with a warning) when Redis fails.

    ``OPTIONS`` go to redis-py's connection pool as in Django's RedisCache, except
    ``RETRY_SECONDS`` (how long to stay on the fallback before trying Redis again, default 5)
    and ``FALLBACK_MAX_ENTRIES`` (size of the local-memory fallback, default 1000).
    """

    def __init__(self, server, params):
        params = dict(params)
        options = {**DEFAULT_CONNECTION_OPTIONS, **params.get("OPTIONS", {})}
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        fallback_entries = int(options.pop("FALLBACK_MAX_ENTRIES", 1000))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._fallback = LocMemCache(
            f"redis-fallback:{server}",
            {key: params[key] for key in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION")
             if key in params} | {"OPTIONS": {"MAX_ENTRIES": fallback_entries}},
        )
        self._down_until = 0.0
        self._down = False

    @property
    def redis_is_down(self) -> bool:
        return self._down

    def _call(self, method: str, *args, **kwargs):
        if self._down and time.monotonic() < self._down_until:
            return getattr(self._fallback, method)(*args, **kwargs)
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except RedisError as error:
            if not self._down:
                logger.warning(
                    "Redis cache unavailable (%s: %s); serving from a local-memory cache and "
                    "retrying every %g s", type(error).__name__, error, self.retry_seconds,
                )
            self._down = True
            self._down_until = time.monotonic() + self.retry_seconds
            return getattr(self._fallback, method)(*args, **kwargs)
        if self._down:
            logger.warning("Redis cache is answering again; local-memory fallback dropped")
            self._down = False
            self._fallback.clear()
        return result

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        self._fallback.clear()
        return self._call("clear")
