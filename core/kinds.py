"""The page kinds: one registry that every part of the site reads (docs/architecture.md).

A page kind is a model of revisioned, reviewed pages readers can open (an article, a glossary
term, a site page). Its app registers it once, in ``AppConfig.ready()``::

    register(PageKind(name="article", model=Article, content=ARTICLE_CONTENT,
                      url_name="articles:detail", search=article_search_fields))

and from then on, with no edit anywhere else:

- ``import_content`` / ``export_content`` read and write its content files (``content``);
- the editorial workflow, dashboard, reminders and role permissions cover it (``model``);
- readers can rate it and report a problem on it (``feedback``);
- search indexes it (``search``);
- the sitemap lists it (``sitemap``), and the publishing signals purge and refresh it;
- the admin's markdown editor edits its ``markdown_fields``;
- its ``text_field`` reaches readers through ``core.page_text`` (with the glossary's links),
  and the glossary lists the pages using a term on the term's page.

Kinds that are not revisioned pages but still live in content files (topics) register only a
``core.content_files.ContentKind``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal

from core.content_files import ContentKind, register_kind

# Sent (``kind=``) each time a kind is registered, whichever app does it and whenever: what
# connects receivers per model (search's indexing) connects the new kind's as well.
kind_registered = Signal()


@dataclass(frozen=True)
class SitemapEntry:
    """How the kind appears in sitemap.xml: its own section, named ``section``."""

    section: str
    # The URL pattern name of a page, reversed with ``slug`` (fast for thousands of pages);
    # None: each page's ``get_absolute_url()``.
    url_name: str | None = None


@dataclass(frozen=True)
class PageKind:
    # Short and stable: forms, content files, cache tags and search documents use it.
    name: str
    # The model: a subclass of ``editorial.models.RevisionedPage`` with ``slug``.
    model: type
    # Content files of this kind (import and export), if it has them.
    content: ContentKind | None = None
    # What search indexes of a live page: a mapping of ``title`` (shown), ``summary``
    # (shown), ``heading`` (searched first: title, aliases), ``summary_text`` (searched next)
    # and ``body_html`` (searched last), as plain strings and HTML; search makes them text.
    # None: the kind is not searched.
    search: Callable[[Any], dict[str, str]] | None = None
    sitemap: SitemapEntry | None = None
    # Readers may rate the page and report a problem on it.
    feedback: bool = True
    # Fields written in markdown, which get the editor with live preview.
    markdown_fields: tuple[str, ...] = ("body",)
    # The field of rendered HTML readers read, which ``core.page_text`` processes (glossary
    # links) and the glossary records term usage of; the kind's pages then have a ``title``.
    # None: the kind's page context shows its text as it is.
    text_field: str | None = None
    # Glossary terms the page's text must not link to (``glossary_exclude``, its own slug …).
    glossary_exclude: Callable[[Any], tuple[str, ...]] = field(
        default=lambda page: tuple(getattr(page, "glossary_exclude", None) or ()))

    @property
    def label(self) -> str:
        return self.model._meta.label


_KINDS: dict[str, PageKind] = {}


def register(kind: PageKind) -> PageKind:
    """Add a page kind (once per process; registering the same name again replaces it)."""
    _KINDS[kind.name] = kind
    if kind.content is not None:
        register_kind(kind.content)
    kind_registered.send(sender=PageKind, kind=kind)
    return kind


def unregister(name: str) -> None:
    """Remove a kind (tests that register one of their own)."""
    from core.content_files import KINDS

    kind = _KINDS.pop(name, None)
    if kind is not None and kind.content is not None:
        KINDS.pop(kind.content.name, None)


def page_kinds() -> list[PageKind]:
    """Every registered kind, in the order the apps registered them."""
    return list(_KINDS.values())


def get(name: str) -> PageKind | None:
    return _KINDS.get(name)


def for_model(model) -> PageKind | None:
    """The kind of a model, a model instance, or a historical model (by its label)."""
    label = model._meta.label
    return next((kind for kind in _KINDS.values() if kind.label == label), None)


def page_models() -> list[type]:
    return [kind.model for kind in _KINDS.values()]


# Annotations every public page query gets, registered by apps that show something on every
# page (feedback: "has corrections"), so a page's view needs no import of theirs and the page
# costs no extra query for what it doesn't have.
_PAGE_ANNOTATIONS: list[Callable[[Any], Any]] = []


def annotate_public_pages(annotate: Callable[[Any], Any]) -> None:
    """Register ``annotate(queryset) -> queryset`` (once, in ``AppConfig.ready()``)."""
    if annotate not in _PAGE_ANNOTATIONS:
        _PAGE_ANNOTATIONS.append(annotate)


def public(queryset):
    """A page kind's queryset for a public view, with the registered annotations."""
    for annotate in _PAGE_ANNOTATIONS:
        queryset = annotate(queryset)
    return queryset
