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


def test_robots_disallows_search_results_and_does_not_publish_the_admin_path(client):
    lines = robots(client)
    assert "Disallow: /search/" in lines
    assert not any("admin" in line for line in lines)


def test_robots_never_names_a_moved_admin(client, settings):
    # Finding 8: robots.txt published ADMIN_URL; the admin says noindex itself instead.
    settings.ADMIN_URL = "staff-only/"
    assert not any("staff-only" in line for line in robots(client))


def test_the_admin_asks_not_to_be_indexed(client):
    response = client.get("/admin/login/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_robots_names_the_sitemap_by_its_absolute_address(client, settings):
    settings.SITE_URL = "https://benzo.example.org"
    assert "Sitemap: https://benzo.example.org/sitemap.xml" in robots(client)
