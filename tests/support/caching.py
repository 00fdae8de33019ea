"""Helpers for tests of HTTP validators (``core.caching``, ``seo.middleware``)."""

import os
import time

import seo.middleware
from core import caching


def settle(monkeypatch, seconds: float = 2) -> None:
    """Date the last content change (and this process's start) ``seconds`` ago.

    Bytes rendered in the very second of a change carry no Last-Modified (a later change in
    that second could not be told apart), and tests render right after making content.
    """
    then = time.time() - seconds
    if not os.path.exists(caching.path()):
        caching.bump()
    os.utime(caching.path(), (then, then))
    monkeypatch.setattr(seo.middleware, "PROCESS_STARTED", then)
