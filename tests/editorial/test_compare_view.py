"""The comparison as a clinician reads it: form labels, word marks, the rendered page as text."""

import re

import pytest

from tests.editorial.helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def compared(make_article, author, edit, client, login_staff):
    article = make_article(body="## Dose\n\nTalk to your doctor first.\n",
                           key_points=["One point."])
    old = article.latest_revision
    new = edit(article, author, body="## Dose\n\nTalk to your prescriber first.\n",
               key_points=["One point.", "A new point."], glossary_exclude=["gaba"])
    login_staff(client, author)
    response = client.get(admin_url(article, "compare"), {"a": old.pk, "b": new.pk})
    assert response.status_code == 200
    return response.content.decode()


def test_fields_are_named_as_on_the_form(compared):
    headings = re.findall(r"<h3>([^<]*)</h3>", compared)
    assert "Key points" in headings and "Glossary terms not linked" in headings
    assert not any("_" in heading for heading in headings), headings


def test_changed_words_are_marked_not_whole_lines(compared):
    assert "Talk to your <del>doctor</del> first." in compared
    assert "Talk to your <ins>prescriber</ins> first." in compared
    assert "<ins>A new point.</ins>" in compared


def test_rendered_page_is_shown_as_text_with_the_changes_marked(compared):
    rendered = compared.split('class="editorial-rendered">', 1)[1].split("</div>", 1)[0]
    assert "<h2" in rendered and "&lt;h2" not in rendered and "&lt;p&gt;" not in rendered
    assert "<del>doctor</del><ins>prescriber</ins>" in rendered
    assert "Body as readers will see it" in compared
