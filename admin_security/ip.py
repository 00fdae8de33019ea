"""The client address django-axes counts failures against."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind the trusted HTTPS proxy the address that proxy saw.

    The proxy appends the address it received the request from to X-Forwarded-For, so only
    the last entry is trustworthy: earlier entries come from the client and can be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return remote
