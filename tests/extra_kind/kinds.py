"""The leaflet kind, registered through ``core.kinds`` as an app would in ``ready()``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from core import kinds
from editorial.models import Revision
from tests.extra_kind.models import Leaflet

URLCONF = "tests.extra_kind.urls"


def leaflet_search_fields(leaflet) -> dict[str, str]:
    return {"title": leaflet.title, "summary": leaflet.summary, "heading": leaflet.title,
            "summary_text": leaflet.summary, "body_html": leaflet.body_html}


def leaflet_kind(**changes) -> kinds.PageKind:
    fields = {"name": "leaflet", "model": Leaflet, "search": leaflet_search_fields,
              "sitemap": kinds.SitemapEntry("leaflets", "extra_kind:leaflet"), **changes}
    return kinds.PageKind(**fields)


@contextmanager
def registered(kind: kinds.PageKind) -> Iterator[kinds.PageKind]:
    """The kind registered for the ``with`` block only (then as it was before)."""
    previous = kinds.get(kind.name)
    kinds.register(kind)
    try:
        yield kind
    finally:
        kinds.unregister(kind.name)
        if previous is not None:
            kinds.register(previous)


def make_leaflet(slug: str, *, title: str = "", summary: str = "A short plain sentence.",
                 body: str = "", live: bool = True) -> Leaflet:
    """A leaflet saved as a revision and (unless ``live=False``) published, as an import is."""
    page = Leaflet(slug=slug)
    revision = page.save_revision(
        content={"title": title or slug.replace("-", " ").capitalize(), "slug": slug,
                 "summary": summary, "body": body, "language": "en"},
        source=Revision.Source.IMPORT)
    if live:
        page.publish(revision, actor_label="test")
    return page
