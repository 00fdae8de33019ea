import os

import pytest
from django.db import connection

from articles.models import Article, Topic
from editorial.models import Revision
from glossary.models import Term


def pytest_configure(config):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True, scope="session")
def _database_is_the_one_asked_for(django_db_setup, django_db_blocker):
    """With DATABASE_URL pointing at PostgreSQL the suite must really run on it, never skip."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        assert connection.vendor == "postgresql"
    elif not url:
        assert connection.vendor == "sqlite"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Row ids are reused after a test's rollback; cached HTML must not leak between tests."""
    from django.core.cache import cache

    import glossary.rendering

    cache.clear()
    glossary.rendering._linker = None
    yield
    cache.clear()


@pytest.fixture
def login_staff():
    """Sign a staff user in the way the admin requires (the one place tests do this).

    Every test that reaches the admin signs in through this fixture, so tightening sign-in
    changes one function, not every test. The admin requires a second factor (TOTP), so the
    session is marked verified by a confirmed device, as django-otp does after a valid code.
    """

    def login(client, user):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # What the two-step sign-in leaves behind: a confirmed authenticator, a session
        # signed in with it, and django-otp's record of the device that verified it.
        device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
                  or TOTPDevice.objects.create(user=user, name="test authenticator",
                                               confirmed=True))
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return login


@pytest.fixture
def topic(db):
    return Topic.objects.create(title="Dependence", slug="dependence", summary="About dependence.")


@pytest.fixture
def make_article(db):
    """Create an article through the revision machinery, live unless told otherwise."""

    def make(slug="tolerance", *, live=True, topics=(), **fields):
        content = {
            "title": fields.pop("title", slug.replace("-", " ").capitalize()),
            "summary": fields.pop("summary", "A plain summary."),
            "body": fields.pop("body", "## What it means\n\nPlain words.\n"),
            "key_points": fields.pop("key_points", ["One point."]),
            "references": fields.pop("references", [
                {"title": "Source", "publisher": "FDA", "year": 2020,
                 "url": "https://www.fda.gov/"},
            ]),
            "notices": fields.pop("notices", []),
            "glossary_exclude": fields.pop("glossary_exclude", []),
            "language": "en",
            "topics": [t.slug for t in topics],
        }
        assert not fields, f"unknown fields {fields}"
        article = Article(slug=slug)
        revision = article.save_revision(content=content, source=Revision.Source.IMPORT)
        if live:
            article.publish(revision, actor_label="test")
        return article

    return make


@pytest.fixture
def make_term(db):
    """A glossary term through the revision machinery, live unless told otherwise."""

    def make(slug="tolerance", term=None, *, aliases=(), short="A plain sentence.",
             definition="", live=True, related=(), category="concept"):
        content = {"term": term or slug.replace("-", " "), "slug": slug, "aliases": list(aliases),
                   "short_definition": short, "definition": definition, "category": category,
                   "language": "en", "related": list(related)}
        page = Term(slug=slug)
        revision = page.save_revision(content=content, source=Revision.Source.IMPORT)
        if live:
            page.publish(revision, actor_label="test")
        return page

    return make
