"""The client's address, for the sign-in lockout (django-axes) and the feedback rate limits.

``TRUSTED_PROXIES`` says which hops in front of Django may be believed (docs/deployment.md):

- ``0``: nobody; the address is the TCP peer (``REMOTE_ADDR``). For gunicorn reachable
  directly, or behind a proxy that sets no ``X-Forwarded-For``.
- a number *N*: that many proxies stand in front, each appending the address it received the
  request from to ``X-Forwarded-For``. The client is the *N*-th address from the right of
  ``X-Forwarded-For`` + ``REMOTE_ADDR``; anything further left came from the client and is
  ignored. CDN -> nginx -> gunicorn is ``2``; nginx alone, or nginx whose ``real_ip``
  module already resolved the CDN, is ``1``.
- a comma-separated list of addresses or CIDR networks (``10.0.0.0/8, 203.0.113.0/24``):
  walking from ``REMOTE_ADDR`` leftwards, the first address not in these networks is the
  client. Only a trusted peer's ``X-Forwarded-For`` is read at all.

Unset, it is ``1`` behind the HTTPS proxy (``TRUST_X_FORWARDED_PROTO=1``) and ``0`` otherwise.
The answer is always a valid IP address: a forged, malformed entry is never used as a key.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def parse_trusted_proxies(value: str) -> int | tuple[Network, ...]:
    """``"2"`` -> 2; ``"10.0.0.0/8, ::1"`` -> networks. Raises ImproperlyConfigured."""
    value = value.strip()
    if not value:
        return 0
    if value.isdigit():
        return int(value)
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False)
                     for part in value.split(",") if part.strip())
    except ValueError as error:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES must be a number of proxies or a comma-separated list of "
            f"addresses or CIDR networks, not {value!r} ({error})."
        ) from error


def trusted_proxies() -> int | tuple[Network, ...]:
    configured = getattr(settings, "TRUSTED_PROXIES", "")
    if str(configured).strip() == "":
        return 1 if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) else 0
    return parse_trusted_proxies(str(configured))


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address of the client that sent this request, by the TRUSTED_PROXIES rule."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 (a key, not a bind)
    trusted = trusted_proxies()
    if trusted == 0 or trusted == ():
        return remote
    forwarded = [part.strip() for part in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]  # oldest hop first, the TCP peer last
    if isinstance(trusted, int):
        position = max(len(chain) - 1 - trusted, 0)
    else:
        position = 0
        for index in range(len(chain) - 1, -1, -1):
            address = _address(chain[index])
            if address is None or not any(address in network for network in trusted):
                position = index
                break
    # A malformed entry is never the key: take the nearest valid hop on its right instead.
    for candidate in chain[position:]:
        if _address(candidate) is not None:
            return str(_address(candidate))
    return remote
