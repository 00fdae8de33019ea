"""The publisher as schema.org JSON-LD, for every article's structured data."""

from django.conf import settings
from django.urls import reverse


def publisher_organization() -> dict:
    """The publisher ``Organization``, pointing to the editorial policy as its principles."""
    organization = {
        "@type": "Organization",
        "@id": f"{settings.SITE_URL}/#publisher",
        "name": settings.PUBLISHER_NAME,
        "url": f"{settings.SITE_URL}/",
        "publishingPrinciples": settings.SITE_URL + reverse("pages:editorial-policy"),
    }
    if settings.PUBLISHER_EMAIL:
        organization["email"] = settings.PUBLISHER_EMAIL
    return organization
