"""Image uploads: real JPEG, PNG or WebP only, re-encoded, cleaned, capped, randomly named."""

import io
import os
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from editor.images import MAX_WIDTH
from editor.models import UploadedImage
from tests.editor.conftest import image_bytes

pytestmark = pytest.mark.django_db


def upload(client, data, name="picture.png", content_type="image/png"):
    return client.post(reverse("markdownx_upload"),
                       {"image": SimpleUploadedFile(name, data, content_type=content_type)},
                       HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def stored_files(media_root):
    folder = media_root / "editor"
    return sorted(folder.iterdir()) if folder.exists() else []


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), (30, 120, 200))
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # really there
    return data


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def png_html_polyglot():
    """A valid PNG that is also an HTML page: script in a text chunk and after the image."""
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    png = image_bytes("PNG")
    iend = png.rindex(b"IEND") - 4
    return png[:iend] + png_chunk(b"tEXt", b"Comment\x00" + html) + png[iend:] + html


def test_a_png_is_stored_and_the_markdown_to_insert_is_returned(editor_client, media_root):
    response = upload(editor_client, image_bytes("PNG"))
    assert response.status_code == 200
    body = response.json()
    assert re.fullmatch(r"!\[\]\(/media/editor/[0-9a-f]{32}\.png\)", body["image_code"])
    (stored,) = stored_files(media_root)
    assert Image.open(stored).format == "PNG"


@pytest.mark.parametrize("fmt, extension", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_jpeg_png_and_webp_are_accepted(editor_client, media_root, fmt, extension):
    response = upload(editor_client, image_bytes(fmt), name=f"x.{extension}")
    assert response.status_code == 200
    (stored,) = stored_files(media_root)
    assert stored.suffix == f".{extension}"
    assert Image.open(stored).format == fmt


def test_the_upload_is_recorded_with_who_uploaded_it(editor_client, editor_user):
    upload(editor_client, image_bytes("PNG"))
    record = UploadedImage.objects.get()
    assert record.uploaded_by == editor_user
    assert (record.width, record.height, record.format) == (40, 30, "PNG")


def test_a_jpeg_with_gps_exif_is_stored_without_it(editor_client, media_root):
    response = upload(editor_client, jpeg_with_gps(), name="holiday.jpg",
                      content_type="image/jpeg")
    assert response.status_code == 200
    (stored,) = stored_files(media_root)
    data = stored.read_bytes()
    image = Image.open(stored)
    assert not image.getexif()
    assert "exif" not in image.info
    assert b"PhoneMaker" not in data and b"Exif" not in data


def test_a_png_html_polyglot_is_stored_as_a_plain_png_without_the_html(editor_client,
                                                                       media_root):
    response = upload(editor_client, png_html_polyglot(), name="page.html",
                      content_type="text/html")
    assert response.status_code == 200
    (stored,) = stored_files(media_root)
    data = stored.read_bytes()
    assert stored.suffix == ".png"
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<script" not in data and b"<html" not in data


def test_the_stored_polyglot_is_served_only_as_an_image(editor_client, client, media_root):
    url = upload(editor_client, png_html_polyglot()).json()["url"]
    response = client.get(url)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"<script" not in b"".join(response.streaming_content)


def test_an_svg_with_a_script_is_refused_with_a_clear_message(editor_client, media_root):
    svg = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
           b'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>')
    response = upload(editor_client, svg, name="chart.svg", content_type="image/svg+xml")
    assert response.status_code == 400
    assert "SVG images are not accepted" in response.json()["error"]
    assert stored_files(media_root) == []


def test_an_svg_disguised_as_a_png_is_refused(editor_client, media_root):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(editor_client, svg, name="chart.png", content_type="image/png")
    assert response.status_code == 400
    assert "SVG" in response.json()["error"]
    assert stored_files(media_root) == []


def test_html_named_as_a_png_is_refused(editor_client, media_root):
    response = upload(editor_client, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "not a JPEG, PNG or WebP image" in response.json()["error"]
    assert stored_files(media_root) == []


def test_a_gif_is_refused(editor_client, media_root):
    response = upload(editor_client, image_bytes("GIF", mode="P", color=1), name="a.gif",
                      content_type="image/gif")
    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in response.json()["error"]


def test_a_truncated_png_is_refused_as_damaged(editor_client, media_root):
    noisy = Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    response = upload(editor_client, buffer.getvalue()[:2000])
    assert response.status_code == 400
    assert "damaged" in response.json()["error"]
    assert stored_files(media_root) == []


@pytest.mark.parametrize("size", [(8000, 6000), (20000, 10000)],
                         ids=["over-the-cap", "over-twice-the-cap"])
def test_a_decompression_bomb_is_refused(editor_client, media_root, size):
    """Tens of megapixels of one colour compress to a few kilobytes."""
    bomb = image_bytes("PNG", size=size, mode="1")
    assert len(bomb) < 200_000
    response = upload(editor_client, bomb, name="bomb.png")
    assert response.status_code == 400
    assert "too many pixels" in response.json()["error"]
    assert stored_files(media_root) == []


def test_an_oversized_file_is_refused(editor_client, media_root):
    side = 1400  # random pixels don't compress: a real PNG of about 5.9 MB
    noisy = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG", compress_level=0)
    assert buffer.tell() > 5 * 1024 * 1024
    response = upload(editor_client, buffer.getvalue(), name="huge.png")
    assert response.status_code == 413
    assert "larger than 5 MB" in response.json()["error"]
    assert stored_files(media_root) == []


def test_a_wide_image_is_scaled_down_to_the_maximum_width(editor_client, media_root):
    response = upload(editor_client, image_bytes("PNG", size=(MAX_WIDTH * 2, 500)))
    assert (response.json()["width"], response.json()["height"]) == (MAX_WIDTH, 250)
    (stored,) = stored_files(media_root)
    assert Image.open(stored).size == (MAX_WIDTH, 250)


def test_every_upload_gets_a_new_random_name(editor_client, media_root):
    first = upload(editor_client, image_bytes("PNG"), name="same.png").json()["url"]
    second = upload(editor_client, image_bytes("PNG"), name="same.png").json()["url"]
    assert first != second
    assert "same" not in first


def test_a_request_without_a_file_is_refused(editor_client):
    response = editor_client.post(reverse("markdownx_upload"), {})
    assert response.status_code == 400
    assert response.json()["error"]
