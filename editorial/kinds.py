"""Every kind of revisioned page (articles, glossary terms, ...), found from the app registry."""

from __future__ import annotations

from django.apps import apps

from editorial.models import RevisionedPage


def page_models() -> list[type[RevisionedPage]]:
    return [model for model in apps.get_models()
            if issubclass(model, RevisionedPage) and not model._meta.proxy]
