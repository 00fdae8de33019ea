"""Uploaded images are served to everyone, as images only, and nothing else is."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.editor.conftest import image_bytes

pytestmark = pytest.mark.django_db
NAME = "0123456789abcdef0123456789abcdef"


def test_an_uploaded_image_is_served_with_its_image_type_and_a_long_cache(client):
    default_storage.save(f"editor/{NAME}.webp", ContentFile(image_bytes("WEBP")))
    response = client.get(f"/media/editor/{NAME}.webp")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "immutable" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize("path", [
    f"/media/editor/{NAME}.html",
    f"/media/editor/{NAME}.svg",
    "/media/editor/..%2Fsecret_key",
    "/media/editor/picture.png",
    f"/media/editor/{NAME}.png",  # well-formed but not there
])
def test_anything_but_a_stored_image_name_is_not_found(client, path):
    default_storage.save(f"editor/{NAME}.svg", ContentFile(b"<svg></svg>"))
    assert client.get(path).status_code == 404
