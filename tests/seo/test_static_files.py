"""Static files in production: hashed names, gzip and brotli, cached a year and immutable.

The suite serves static files from the finders; this test runs the real collectstatic with
the production storage into a temporary STATIC_ROOT and asks WhiteNoise for the result.
"""

import json

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db
ONE_YEAR = 60 * 60 * 24 * 365
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    return tmp_path_factory.mktemp("static-root")


@pytest.fixture
def production_static(settings, collected):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.DEBUG = False
    if not (collected / "staticfiles.json").exists():
        # Django's admin files are left out only to keep the test quick; ours are all here.
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    return collected, manifest


def test_collected_files_have_content_hashed_names(production_static):
    _, manifest = production_static
    hashed = manifest["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.") and hashed.endswith(".css")


def test_collected_files_are_compressed_with_gzip_and_brotli(production_static):
    root, manifest = production_static
    for name in ("css/site.css", "js/glossary.js"):
        hashed = root / manifest[name]
        assert (root / f"{manifest[name]}.gz").stat().st_size > 0
        assert (root / f"{manifest[name]}.br").stat().st_size > 0
        assert hashed.exists()


def test_hashed_files_are_served_immutable_for_at_least_a_year(production_static):
    """WhiteNoise gives hashed names ten years; a changed file gets a new name anyway."""
    _, manifest = production_static
    response = Client().get(f"/static/{manifest['css/site.css']}")
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "immutable"} <= directives
    (max_age,) = [int(d.split("=")[1]) for d in directives if d.startswith("max-age=")]
    assert max_age >= ONE_YEAR


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_compressed_copies_are_served_to_browsers_that_accept_them(production_static, encoding):
    _, manifest = production_static
    response = Client().get(f"/static/{manifest['css/site.css']}",
                            HTTP_ACCEPT_ENCODING=encoding)
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]


def test_pages_link_the_hashed_names(production_static, client):
    _, manifest = production_static
    assert f"/static/{manifest['css/site.css']}" in Client().get("/").text


def test_static_files_carry_the_security_headers_pages_carry(production_static, client):
    """Finding 8: WhiteNoise answered before the CSP and frame middleware ran."""
    _, manifest = production_static
    page = client.get("/")
    response = Client().get(f"/static/{manifest['css/site.css']}")
    assert response.status_code == 200
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy",
                   "X-Content-Type-Options", "Referrer-Policy"):
        assert response[header] == page[header], header
