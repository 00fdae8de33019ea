"""Writing checks beside the editor: grade, length, unexplained words, alt text, https."""

import pytest
from django.urls import reverse

from core.markdown import images_missing_alt, insecure_links
from editor.checks import TARGET_GRADE, unexplained_words, writing_report
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


# 61 words, eight sentences, as a clinician might write a first paragraph.
SHORT_MEDICAL = (
    "Benzodiazepines are medicines for anxiety and sleep. Taking them every day can lead to "
    "tolerance and physical dependence. This is not the same as addiction. Withdrawal "
    "symptoms can happen if you stop suddenly. Talk to your prescriber about a slow taper. "
    "Clonazepam, diazepam and lorazepam are common examples. Your pharmacist can answer "
    "questions too. Never stop taking them on your own.\n"
)


@pytest.mark.django_db
def test_a_short_text_gets_a_real_grade_from_both_formulas():
    report = writing_report(SHORT_MEDICAL)
    assert report.words == 61
    assert 4 < report.reading_grade < 8
    # SMOG counts the long medical words, so it reads this as harder than Flesch–Kincaid does.
    assert report.smog_grade > report.reading_grade
    assert report.judged_grade == report.smog_grade
    assert report.reading_minutes == 0  # less than a minute, not "about 1 minute"


@pytest.mark.django_db
def test_an_empty_text_claims_no_grade_and_no_reading_time(editor_client):
    report = writing_report("")
    assert (report.words, report.reading_grade, report.smog_grade, report.reading_minutes) == (
        0, None, None, None)
    html = editor_client.post(reverse("editor_checks"), {"content": ""}).json()["html"]
    assert "minute" not in html and "Reading grade" not in html
    assert "No text yet" in html


@pytest.mark.django_db
def test_glossary_terms_count_in_the_grade(live_term):
    """The grade is of the text as written: explaining a word doesn't make it shorter."""
    text = "Benzodiazepine withdrawal is hard. Benzodiazepines help some people.\n"
    before = writing_report(text)
    live_term("benzodiazepine", "benzodiazepine")
    after = writing_report(text)
    assert (after.reading_grade, after.smog_grade) == (before.reading_grade, before.smog_grade)
    assert "Benzodiazepine" not in after.unexplained_words


@pytest.mark.django_db
def test_the_longest_sentence_is_reported_and_flagged_when_too_long(editor_client):
    long_sentence = ("When you and your prescriber agree to lower the dose you take each day "
                     "it helps to go slowly and to keep a diary of how you sleep and feel "
                     "so that you can both see what is happening.")
    report = writing_report(PLAIN + long_sentence)
    assert report.longest_sentence_words == 39 and not report.sentence_ok
    assert report.longest_sentence == long_sentence
    html = editor_client.post(reverse("editor_checks"),
                              {"content": PLAIN + long_sentence}).json()["html"]
    assert "Longest sentence: 39 words" in html and "try splitting it" in html
    assert writing_report(PLAIN).sentence_ok


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
