from pathlib import Path

import pytest
from django.core.management import call_command

from editorial.models import Revision
from glossary.models import Term
from search.service import search

CONTENT = Path(__file__).resolve().parents[2] / "content"
KINDS = ("topics", "glossary", "articles")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a change schedules on commit, as it runs outside a test's transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def article(make_article, committed):
    """A live (unless told otherwise) article, indexed as it would be once committed."""

    def make(slug="tolerance", **fields):
        with committed():
            return make_article(slug, **fields)

    return make


@pytest.fixture
def term(db, committed):
    """A live (unless told otherwise) glossary term, indexed once committed."""

    def make(slug, name=None, *, aliases=(), short="A plain sentence.", definition="",
             live=True):
        content = {"term": name or slug.replace("-", " "), "slug": slug,
                   "aliases": list(aliases), "short_definition": short,
                   "definition": definition, "category": "concept", "language": "en",
                   "related": []}
        with committed():
            page = Term(slug=slug)
            revision = page.save_revision(content=content, source=Revision.Source.IMPORT)
            if live:
                page.publish(revision, actor_label="test")
        return page

    return make


@pytest.fixture
def bundled_content(db, committed):
    """The site's own articles and glossary, imported live and indexed on commit."""
    with committed():
        call_command("import_content", *(str(CONTENT / kind) for kind in KINDS), publish=True,
                     verbosity=0)


def titles(query, **kwargs):
    return [result.document.title for result in search(query, **kwargs).page]
