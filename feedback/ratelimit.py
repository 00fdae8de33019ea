"""A per-client rate limit kept in the database, so every gunicorn worker counts together.

The cache is per process unless Redis is configured, which would let each worker allow its
own quota; a row per client and time window, bumped with one conditional UPDATE, is shared.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.client import client_ip
from feedback.models import SubmissionCount


def client_key(request) -> str:
    """A keyed hash of the client's address: enough to count, useless to identify anyone.

    The address is the one the admin's lockout counts (behind the trusted HTTPS proxy, the
    address that proxy saw), so one rule decides who a client is.
    """
    return hmac.new(settings.SECRET_KEY.encode(), client_ip(request).encode(),
                    hashlib.sha256).hexdigest()


def window_start(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=timezone.get_current_timezone())


def allow(request, scope: str, *, limit: int | None = None, window: int | None = None) -> bool:
    """Count one submission; False when the client already sent ``limit`` in this window."""
    limit = settings.FEEDBACK_RATE_LIMIT if limit is None else limit
    window = settings.FEEDBACK_RATE_WINDOW_SECONDS if window is None else window
    start = window_start(timezone.now(), window)
    client = client_key(request)
    SubmissionCount.objects.filter(window_start__lt=start - timedelta(seconds=window)).delete()
    rows = SubmissionCount.objects.filter(scope=scope, client=client, window_start=start)
    if rows.filter(count__lt=limit).update(count=F("count") + 1):
        return True
    if limit < 1 or rows.exists():
        return False
    try:
        with transaction.atomic():
            SubmissionCount.objects.create(scope=scope, client=client, window_start=start,
                                           count=1)
        return True
    except IntegrityError:
        # Another worker created the row a moment ago: count against it.
        return bool(rows.filter(count__lt=limit).update(count=F("count") + 1))
