import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from PIL import Image

from editorial.models import Revision
from glossary.models import Term


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor_user(db):
    user = get_user_model().objects.create_user("writer", password="a long passphrase here",
                                                is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        codename__in=["change_article", "add_article"]))
    return user


@pytest.fixture
def editor_client(client, editor_user, login_staff):
    return login_staff(client, editor_user)


def image_bytes(fmt="PNG", size=(40, 30), mode="RGB", color=(200, 40, 40), **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, color if mode != "1" else 0).save(buffer, fmt, **save_options)
    return buffer.getvalue()


@pytest.fixture
def live_term(db):
    def make(slug, term, aliases=(), short="A plain sentence."):
        content = {"term": term, "slug": slug, "aliases": list(aliases),
                   "short_definition": short, "definition": "", "category": "concept",
                   "language": "en", "related": []}
        obj = Term(slug=slug)
        obj.publish(obj.save_revision(content=content, source=Revision.Source.IMPORT),
                    actor_label="test")
        return obj

    return make
