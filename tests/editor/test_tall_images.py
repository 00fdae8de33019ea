"""Finding 5: images are capped on each side before decoding, not only on width."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editor.images import MAX_SIDE

pytestmark = pytest.mark.django_db


def png(width, height):
    """A valid 1-bit greyscale PNG of that size (all black), built without decoding it."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row * 100_000) for _ in range(height // 100_000))
    idat += compressor.compress(row * (height % 100_000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def upload(client, data):
    return client.post(reverse("markdownx_upload"),
                       {"image": SimpleUploadedFile("tall.png", data, content_type="image/png")},
                       HTTP_X_REQUESTED_WITH="XMLHttpRequest")


@pytest.mark.parametrize("size", [(1, 39_000_000), (39_000_000, 1), (MAX_SIDE + 1, 1)])
def test_an_image_longer_than_the_cap_on_either_side_is_refused(editor_client, media_root,
                                                                  size):
    response = upload(editor_client, png(*size))
    assert response.status_code == 400
    assert "each side may be at most 10,000 pixels" in response.json()["error"]
    assert not (media_root / "editor").exists()


def test_a_tall_image_within_the_caps_is_accepted(editor_client, media_root):
    response = upload(editor_client, png(10, MAX_SIDE))
    assert response.status_code == 200
    assert response.json()["height"] == MAX_SIDE
