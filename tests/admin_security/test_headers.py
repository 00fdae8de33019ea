"""Security headers on every kind of response: public pages, admin, editor, media, errors."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.editor.conftest import image_bytes

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_secure_headers(response, url):
    policy = directives(response)
    script_src = policy.get("script-src", policy.get("default-src"))
    assert script_src and "'unsafe-inline'" not in script_src, url
    assert "'unsafe-eval'" not in script_src, url
    assert policy.get("frame-ancestors") == ["'none'"] or "sandbox" in policy, url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert "camera=()" in response["Permissions-Policy"], url


@pytest.fixture
def public_urls(make_article, topic):
    from editorial.models import Revision
    from glossary.models import Term

    make_article("tolerance", topics=[topic])
    term = Term(slug="withdrawal")
    term.publish(term.save_revision(content={
        "term": "withdrawal", "slug": "withdrawal", "aliases": [], "category": "concept",
        "short_definition": "A plain sentence.", "definition": "", "language": "en",
        "related": []}, source=Revision.Source.IMPORT), actor_label="test")
    return ["/", "/articles/", "/articles/tolerance/", f"/topics/{topic.slug}/", "/glossary/",
            "/glossary/withdrawal/", "/search/?q=dose", "/sitemap.xml", "/robots.txt",
            "/feeds/articles.atom", "/healthz", "/no-such-page/"]


def test_public_pages_send_the_security_headers(client, public_urls):
    for url in public_urls:
        assert_secure_headers(client.get(url), url)


def test_sign_in_pages_send_the_security_headers(client):
    for name in ["admin:login", "admin:login_code", "admin:login_setup"]:
        assert_secure_headers(client.get(reverse(name)), name)


def test_admin_pages_send_the_security_headers(client, staff_user, login_staff, make_article):
    article = make_article()
    login_staff(client, staff_user)
    for url in [reverse("admin:index"), reverse("admin:articles_article_changelist"),
                reverse("admin:articles_article_change", args=[article.pk]),
                reverse("admin:articles_article_add")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_secure_headers(response, url)


def test_editor_endpoints_send_the_security_headers(client, staff_user, login_staff):
    login_staff(client, staff_user)
    for name in ["markdownx_markdownify", "editor_checks", "markdownx_upload"]:
        assert_secure_headers(client.post(reverse(name), {"content": "Hi"}), name)


def test_uploaded_images_send_the_security_headers(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    name = "0123456789abcdef0123456789abcdef.png"
    default_storage.save(f"editor/{name}", ContentFile(image_bytes("PNG")))
    assert_secure_headers(client.get(f"/media/editor/{name}"), name)


def test_the_admin_edit_page_has_no_inline_script(client, staff_user, login_staff):
    """The CSP would block one; the editor's behaviour comes from editor/js/editor.js."""
    login_staff(client, staff_user)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "editor/js/editor.js" in html
    assert "markdownx/js/markdownx.js" in html
    for chunk in html.split("<script")[1:]:
        assert chunk.split(">", 1)[0].count("src=") == 1 or "application/json" in chunk \
            .split(">", 1)[0], chunk[:200]
