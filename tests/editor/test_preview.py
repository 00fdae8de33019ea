"""The editor's preview is the page's own rendering: sanitized and glossary-linked."""

import pytest
from django.urls import reverse

from core import page_text
from editor.views import MAX_MARKDOWN_CHARS

pytestmark = pytest.mark.django_db


def preview(client, markdown, **query):
    url = reverse("markdownx_markdownify")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, {"content": markdown})


def test_the_preview_renders_markdown(editor_client):
    response = preview(editor_client, "## Tapering\n\nGo **slowly**.")
    assert response.status_code == 200
    assert '<h2 id="sec-tapering">Tapering</h2>' in response.text
    assert "<strong>slowly</strong>" in response.text
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_preview_is_sanitized(editor_client):
    html = preview(editor_client, '<script>alert(1)</script>\n\n[x](javascript:alert(2)) '
                                  '<img src="a.png" onerror="alert(3)" alt="a">').text
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_the_preview_links_glossary_terms_as_the_page_does(editor_client, live_term):
    live_term("tolerance", "tolerance", short="The same dose works less well over time.")
    html = preview(editor_client, "Tolerance can grow.").text
    assert 'href="/glossary/tolerance/"' in html
    assert "The same dose works less well over time." in html


def test_the_preview_is_exactly_the_html_readers_get(editor_client, live_term, make_article):
    live_term("withdrawal", "withdrawal", aliases=["withdrawal symptoms"])
    body = "## What happens\n\nWithdrawal symptoms can start *after a dose* change.\n"
    article = make_article("what-happens", body=body)
    assert preview(editor_client, body).text == page_text.render(article).html


def test_the_preview_leaves_unlinked_what_the_page_leaves_unlinked(editor_client, live_term):
    live_term("tolerance", "tolerance")
    assert "gloss-term" not in preview(editor_client, "Tolerance.", exclude="tolerance").text


def test_a_malformed_exclusion_list_is_ignored(editor_client, live_term):
    live_term("tolerance", "tolerance")
    response = preview(editor_client, "Tolerance.", exclude="<script>")
    assert response.status_code == 200
    assert "gloss-term" in response.text


def test_text_too_long_to_preview_is_refused_not_rendered(editor_client):
    response = preview(editor_client, "a" * (MAX_MARKDOWN_CHARS + 1))
    assert response.status_code == 413


def test_terms_editors_may_preview_too(client, django_user_model, login_staff):
    from django.contrib.auth.models import Permission

    glossary_editor = django_user_model.objects.create_user("g", password="x" * 20,
                                                            is_staff=True)
    glossary_editor.user_permissions.add(Permission.objects.get(codename="change_term"))
    login_staff(client, glossary_editor)
    assert preview(client, "Hello").status_code == 200
