"""/robots.txt: public pages allowed; admin, search results and previews not; the sitemap."""

import pytest

pytestmark = pytest.mark.django_db


def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.text.splitlines()


def test_robots_allows_public_pages(client):
    assert "Allow: /" in robots(client)


def test_robots_disallows_the_admin_where_previews_live_and_search_results(client):
    lines = robots(client)
    assert {"Disallow: /admin/", "Disallow: /search/"} <= set(lines)


def test_robots_follows_a_moved_admin(client, settings):
    settings.ADMIN_URL = "staff-only/"
    assert "Disallow: /staff-only/" in robots(client)


def test_robots_names_the_sitemap_by_its_absolute_address(client, settings):
    settings.SITE_URL = "https://benzo.example.org"
    assert "Sitemap: https://benzo.example.org/sitemap.xml" in robots(client)
