"""Writing checks beside the editor: grade, length, unexplained words, alt text, https."""

import pytest
from django.urls import reverse

from editor.checks import (
    TARGET_GRADE,
    images_missing_alt,
    insecure_links,
    unexplained_words,
    writing_report,
)
from glossary.linker import GlossaryEntry, Linker

PLAIN = "You may feel worse for a while. That is common. Talk to your doctor first.\n"
HARD = ("Pharmacokinetic heterogeneity substantially complicates individualized "
        "discontinuation methodologies, necessitating comprehensive interdisciplinary "
        "collaboration throughout longitudinal therapeutic management.\n")


def test_images_without_alt_text_are_listed_however_they_are_written():
    markdown = ("![](/media/editor/a.png)\n\n![   ](b.png)\n\n<img src=\"c.png\">\n\n"
                "![][ref]\n\n[ref]: d.png\n\n![A line chart of doses](e.png)\n")
    assert images_missing_alt(markdown) == ["/media/editor/a.png", "b.png", "c.png", "d.png"]


def test_images_with_alt_text_pass():
    assert images_missing_alt("![Two tablets on a table](t.png)") == []
    assert images_missing_alt("No images at all.") == []


def test_plain_http_links_and_images_are_listed_once():
    markdown = ("[a](http://example.org/) [b](https://example.org/) [c](http://example.org/) "
                "![pic](http://example.org/p.png) [d](/glossary/) [e](mailto:x@example.org)")
    # The external image is dropped by the sanitizer (uploads only), so only the link is left.
    assert insecure_links(markdown) == ["http://example.org/"]


def test_medical_words_not_in_the_glossary_are_listed():
    assert unexplained_words("Some people take clonazepam or alprazolam.") == [
        "alprazolam", "clonazepam"]


def test_medical_words_the_glossary_explains_are_not_listed():
    linker = Linker([GlossaryEntry("clonazepam", "/glossary/clonazepam/", "A medicine.",
                                   ("clonazepam", "Klonopin"))])
    words = unexplained_words("Clonazepam and alprazolam.", ("clonazepam", "Klonopin"), linker)
    assert words == ["alprazolam"]


def test_very_long_words_are_listed_as_hard():
    assert "individualized" in unexplained_words(HARD)
    assert unexplained_words(PLAIN) == []


@pytest.mark.django_db
def test_the_report_gives_grade_target_words_and_reading_time():
    report = writing_report(PLAIN * 30)
    assert report.target_grade == TARGET_GRADE == 8
    assert report.grade_ok
    assert report.words == 15 * 30
    assert report.reading_minutes == 2
    assert not writing_report(HARD).grade_ok


@pytest.mark.django_db
def test_glossary_terms_do_not_raise_the_grade(live_term):
    text = "Benzodiazepine withdrawal is hard. Benzodiazepines help some people.\n"
    before = writing_report(text).reading_grade
    live_term("benzodiazepine", "benzodiazepine")
    assert writing_report(text).reading_grade < before
    assert "Benzodiazepine" not in writing_report(text).unexplained_words


@pytest.mark.django_db
def test_the_checks_endpoint_answers_with_figures_and_a_panel(editor_client):
    markdown = PLAIN + "\n![](/media/editor/x.png)\n\n[old](http://example.org/)\n"
    response = editor_client.post(reverse("editor_checks"), {"content": markdown})
    assert response.status_code == 200
    report = response.json()
    assert report["images_missing_alt"] == ["/media/editor/x.png"]
    assert report["insecure_links"] == ["http://example.org/"]
    assert report["target_grade"] == 8
    assert "Images without alt text" in report["html"]
    assert "http://example.org/" in report["html"]


@pytest.mark.django_db
def test_the_panel_escapes_what_the_author_wrote(editor_client):
    response = editor_client.post(reverse("editor_checks"),
                                  {"content": '<img src="x.png?<b>bold</b>">'})
    assert "<b>bold</b>" not in response.json()["html"]
