"""Finding 2: the editor's endpoints refuse text past the size limit or too dense to render."""

import pytest
from django.urls import reverse

from core.markdown_limits import BODY_MAX_CHARS

pytestmark = pytest.mark.django_db


def message(response):
    if response["Content-Type"].startswith("application/json"):
        return response.json()["error"]
    return response.content.decode()


@pytest.mark.parametrize("name", ["markdownx_markdownify", "editor_checks"])
def test_the_16000_bracket_body_that_timed_a_worker_out_is_refused(editor_client, name):
    response = editor_client.post(reverse(name), {"content": "[" * 16_000})
    assert response.status_code == 413
    assert "One paragraph has more than 200 “[” characters" in message(response)


@pytest.mark.parametrize("name", ["markdownx_markdownify", "editor_checks"])
def test_text_over_the_body_limit_is_refused(editor_client, name):
    response = editor_client.post(reverse(name), {"content": "a " * BODY_MAX_CHARS})
    assert response.status_code == 413
    assert "the limit is 50,000" in message(response)


def test_text_within_limits_is_previewed(editor_client):
    response = editor_client.post(reverse("markdownx_markdownify"),
                                  {"content": ("[a](https://example.org) " * 50 + "\n\n") * 20})
    assert response.status_code == 200
    assert response.content.decode().count("<a ") == 1000
