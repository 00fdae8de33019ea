import pytest

from tests.pages.conftest import make_page  # noqa: F401 (a fixture)
from tests.seo.conftest import archive, change_slug  # noqa: F401 (fixtures)


@pytest.fixture
def make_kind(make_article, make_term, make_page):  # noqa: F811 (the fixture above)
    """``make_kind(kind, slug, live=True)``: a page of any kind, and its address prefix."""
    makers = {"article": (make_article, "/articles/"), "term": (make_term, "/glossary/"),
              "page": (make_page, "/pages/")}

    def make(kind, slug, *, live=True):
        maker, prefix = makers[kind]
        return maker(slug, live=live), prefix

    return make
