"""Image uploads: only real JPEG, PNG or WebP, decoded by Pillow and stored re-encoded.

The bytes are decoded, never trusted: the file name, the declared content type and anything
after the image data are ignored. What is stored is a fresh encoding of the decoded pixels,
so EXIF (GPS included), text chunks, ICC profiles and appended payloads (a PNG that is also an
HTML page) are gone, under a random name with the extension of the format it now is.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# 40 megapixels: more than any phone camera, far less than a decompression bomb needs.
MAX_PIXELS = 40_000_000
# Each side, read from the header before any pixel is decoded: a 1 x 39,000,000 PNG is under
# the pixel cap but took 9 s of a worker to decode and scale.
MAX_SIDE = 10_000
MAX_WIDTH = 1600
UPLOAD_DIRECTORY = "editor"
# Pillow format -> (extension, content type, save options).
FORMATS = {
    "JPEG": ("jpg", "image/jpeg", {"quality": 85, "optimize": True, "progressive": True}),
    "PNG": ("png", "image/png", {"optimize": True}),
    "WEBP": ("webp", "image/webp", {"quality": 85, "method": 4}),
}
CONTENT_TYPES = {extension: content_type for extension, content_type, _ in FORMATS.values()}

# Pillow's own guard, lowered to our cap: above twice it raises DecompressionBombError, above
# it warns (turned into an error below). Process-wide, which is what we want.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRejected(ValueError):
    """An upload that is not stored; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class StoredImage:
    name: str  # storage name, e.g. "editor/3f2a….webp"
    url: str
    width: int
    height: int
    format: str
    size: int


def store_upload(uploaded) -> StoredImage:
    """Validate, clean and store an uploaded file; raise ImageRejected with the reason."""
    data = _read_capped(uploaded)
    extension, content, image = _reencode(data)
    name = default_storage.save(f"{UPLOAD_DIRECTORY}/{secrets.token_hex(16)}.{extension}",
                                ContentFile(content))
    return StoredImage(name=name, url=default_storage.url(name), width=image.width,
                       height=image.height, format=image.format_name, size=len(content))


def _read_capped(uploaded) -> bytes:
    if uploaded.size is not None and uploaded.size > MAX_UPLOAD_BYTES:
        raise ImageRejected(too_large_message())
    uploaded.seek(0)
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(too_large_message())
    if not data:
        raise ImageRejected(_("The file is empty."))
    return data


def too_large_message() -> str:
    return _("The image is larger than %(limit)d MB. Save it smaller and try again.") % {
        "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


@dataclass(frozen=True)
class _Cleaned:
    width: int
    height: int
    format_name: str


def _reencode(data: bytes) -> tuple[str, bytes, _Cleaned]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            format_name = image.format
            if max(image.width, image.height) > MAX_SIDE:
                raise ImageRejected(
                    _("The image is %(width)d × %(height)d pixels; each side may be at most "
                      "%(limit)s pixels.") % {"width": image.width, "height": image.height,
                                              "limit": f"{MAX_SIDE:,}"})
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("over the pixel cap")
            image.load()
            if getattr(image, "n_frames", 1) > 1:
                raise ImageRejected(_("Animated images are not accepted. Upload a still "
                                      "JPEG, PNG or WebP image."))
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRejected(_("The image has too many pixels (at most %(limit)d megapixels).")
                            % {"limit": MAX_PIXELS // 1_000_000}) from error
    except UnidentifiedImageError as error:
        if _looks_like_svg(data):
            raise ImageRejected(_("SVG images are not accepted (they can contain scripts). "
                                  "Export the picture as PNG or JPEG and upload that.")) from error
        raise ImageRejected(_("This file is not a JPEG, PNG or WebP image. Only those three "
                              "formats are accepted.")) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRejected(_("The image could not be read: the file looks damaged or "
                              "incomplete.")) from error

    image = ImageOps.exif_transpose(image)  # keep the picture upright once EXIF is gone
    if image.width > MAX_WIDTH:
        height = max(1, round(image.height * MAX_WIDTH / image.width))
        image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    image = _plain_mode(image, format_name)
    image.info = {}  # no EXIF, XMP, ICC profile, text chunks or comments go out again
    extension, _content_type, options = FORMATS[format_name]
    out = io.BytesIO()
    image.save(out, format=format_name, **options)
    return extension, out.getvalue(), _Cleaned(image.width, image.height, format_name)


def _plain_mode(image: Image.Image, format_name: str) -> Image.Image:
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info)
    if format_name == "JPEG":
        return image.convert("L" if image.mode in {"1", "L", "I;16", "I", "F"} else "RGB")
    return image.convert("RGBA" if has_alpha else "RGB")
