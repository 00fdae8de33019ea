"""A real favicon set: /favicon.ico, an SVG icon, an apple-touch-icon and a web manifest."""

import io
import json

import pytest
from PIL import Image

from tests.test_health_and_settings import ROOT

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served_with_a_long_cache_lifetime(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(body)).format == "ICO"
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age >= 60 * 60 * 24 * 30


def test_pages_link_the_icons_and_the_manifest(client):
    html = client.get("/urgent-help/").text
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert 'type="image/svg+xml"' in html and "icons/favicon" in html
    assert '<link rel="apple-touch-icon"' in html
    assert '<link rel="manifest" href="/site.webmanifest">' in html


def test_the_manifest_names_the_site_and_its_icons(client, settings):
    settings.SITE_NAME = "Benzo Guide"
    response = client.get("/site.webmanifest")
    manifest = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["name"] == "Benzo Guide"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512", "any"}


def test_the_icon_files_are_what_they_say():
    icons = ROOT / "static" / "icons"
    assert Image.open(icons / "apple-touch-icon.png").size == (180, 180)
    assert Image.open(icons / "icon-512.png").size == (512, 512)
    assert (icons / "favicon.svg").read_text().startswith("<svg")
