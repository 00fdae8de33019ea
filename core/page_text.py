"""A page's text as readers see it: rendered HTML, then whatever other apps add to it.

A page kind names the field of rendered HTML its readers read (``PageKind.text_field``: an
article's ``body_html``), and its page context shows that text through ``render(page)``.
Apps that add to the text register a ``TextProcessor`` in ``AppConfig.ready()`` — the
glossary links the words it explains and lists them for print — so the kind's own app never
imports them. With no processor registered the HTML is shown as it is, with no words.

A processor may need something per request (the glossary's version): its ``annotate`` adds
it to the query a public view reads the page with (``annotate(queryset)``), so it costs no
query of its own. A page read without it (a preview) makes the processor look it up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core import kinds


@dataclass(frozen=True)
class PageText:
    html: str
    # Words on the page that readers can look up, once each, as ``{"term", "definition",
    # "url"}``: printed at the end as "Words used on this page" (issue 18).
    words: tuple[dict, ...] = ()


@dataclass(frozen=True)
class TextProcessor:
    name: str
    # process(page, text, kind): ``text`` as the processors before this one left it.
    process: Callable[[Any, PageText, kinds.PageKind], PageText]
    # annotate(queryset): the same queryset, reading along what ``process`` needs per page.
    annotate: Callable[[Any], Any] | None = None


_PROCESSORS: dict[str, TextProcessor] = {}


def register(processor: TextProcessor) -> TextProcessor:
    """Add a processor (once per process; registering the same name again replaces it)."""
    _PROCESSORS[processor.name] = processor
    return processor


def unregister(name: str) -> None:
    _PROCESSORS.pop(name, None)


def processors() -> list[TextProcessor]:
    return list(_PROCESSORS.values())


def annotate(queryset):
    """``queryset`` reading along, in the same query, what the processors need per page."""
    for processor in _PROCESSORS.values():
        if processor.annotate is not None:
            queryset = processor.annotate(queryset)
    return queryset


def render(page, html: str | None = None) -> PageText:
    """What readers see of ``page``'s text (its kind's ``text_field``, or ``html``)."""
    kind = kinds.for_model(page)
    if kind is None or (html is None and kind.text_field is None):
        raise LookupError(f"{page._meta.label} is not a page kind with a text_field")
    text = PageText(getattr(page, kind.text_field) if html is None else html)
    for processor in _PROCESSORS.values():
        text = processor.process(page, text, kind)
    return text
