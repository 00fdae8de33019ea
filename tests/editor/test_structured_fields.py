"""Key points, references, notices and glossary exclusions are edited as forms, never as JSON."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from glossary.models import Term
from tests.editor.formdata import form_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


def change_url(page):
    opts = page._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[page.pk])


def new_article(**overrides):
    data = {"title": "Brand new", "slug": "brand-new", "summary": "A plain summary.",
            "body": "Plain words.", "language": "en", "review_interval_months": "12",
            "key_points": ""}
    data.update(overrides)
    return data


def form_errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


def test_key_points_typed_one_per_line_are_stored_as_a_list(editor_client):
    """Three lines typed as a clinician would (one pasted with a bullet) become three points."""
    response = editor_client.post(ADD_URL, new_article(
        key_points="Tolerance is common.\n\n- It is not addiction.\nTalk to your prescriber.\n"))
    assert response.status_code == 302, form_errors(response, "key_points")
    article = Article.objects.get(slug="brand-new")
    assert article.latest_revision.content["key_points"] == [
        "Tolerance is common.", "It is not addiction.", "Talk to your prescriber."]


def test_two_reference_rows_are_stored_as_the_references_list(editor_client):
    response = editor_client.post(ADD_URL, new_article(**{
        "references-0-title": "Benzodiazepine drug class", "references-0-publisher": "FDA",
        "references-0-year": "2020", "references-0-url": "https://www.fda.gov/a",
        "references-1-title": "", "references-1-publisher": "", "references-1-year": "",
        "references-1-url": "",
        "references-4-title": "Withdrawal", "references-4-publisher": "NICE",
        "references-4-year": "2022", "references-4-url": "https://www.nice.org.uk/b",
    }))
    assert response.status_code == 302
    assert Article.objects.get(slug="brand-new").latest_revision.content["references"] == [
        {"title": "Benzodiazepine drug class", "publisher": "FDA", "year": 2020,
         "url": "https://www.fda.gov/a"},
        {"title": "Withdrawal", "publisher": "NICE", "year": 2022,
         "url": "https://www.nice.org.uk/b"},
    ]


def test_an_http_reference_address_is_refused_on_the_references_field(editor_client):
    response = editor_client.post(ADD_URL, new_article(**{
        "references-0-title": "Old page", "references-0-publisher": "FDA",
        "references-0-year": "20x0", "references-0-url": "http://www.fda.gov/"}))
    assert response.status_code == 200
    errors = form_errors(response, "references")
    assert any("Reference 1" in e and "https://" in e and "http://www.fda.gov/" in e
               for e in errors), errors
    assert any("Reference 1" in e and "four-digit" in e for e in errors), errors
    html = response.content.decode()
    # What was typed is still there to correct, in its row.
    assert 'value="http://www.fda.gov/"' in html and 'value="Old page"' in html
    assert not Article.objects.filter(slug="brand-new").exists()


def test_too_long_key_point_is_refused_on_the_key_points_field(editor_client):
    response = editor_client.post(ADD_URL, new_article(key_points="x" * 301))
    assert response.status_code == 200
    assert form_errors(response, "key_points") == ["Each key point is at most 300 characters."]


def test_notices_are_checkboxes_showing_the_words_readers_see(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    assert 'type="checkbox" name="notices" value="dont-stop-suddenly"' in html
    assert "Stopping suddenly, or cutting down too fast, can be dangerous." in html
    assert 'value="urgent-help"' in html and "When to get urgent help" in html
    response = editor_client.post(ADD_URL, new_article(notices=["urgent-help"]))
    assert response.status_code == 302
    assert Article.objects.get(slug="brand-new").latest_revision.content["notices"] == [
        "urgent-help"]


def test_glossary_exclude_is_a_picker_of_terms_by_name(editor_client, make_term):
    make_term("gaba", "GABA")
    make_term("z-drugs", "Z-drug")
    make_term("tolerance", "tolerance")
    html = editor_client.get(ADD_URL).content.decode()
    assert '<option value="gaba">GABA</option>' in html
    assert '<option value="z-drugs">Z-drug (z-drugs)</option>' in html
    assert '<option value="tolerance">tolerance</option>' in html
    assert "selectfilter" in html  # Django's filter box: type to narrow the list
    response = editor_client.post(ADD_URL, new_article(glossary_exclude=["tolerance"]))
    assert response.status_code == 302
    content = Article.objects.get(slug="brand-new").latest_revision.content
    assert content["glossary_exclude"] == ["tolerance"]
    response = editor_client.post(ADD_URL, new_article(slug="other", glossary_exclude=["nope"]))
    assert form_errors(response, "glossary_exclude")


def test_the_change_form_shows_no_json(editor_client, make_article):
    article = make_article(key_points=["One point.", "Two points."], notices=["urgent-help"])
    html = editor_client.get(change_url(article)).content.decode()
    assert "[]" not in html and '["' not in html and '{"title"' not in html
    assert ">\nOne point.\nTwo points.</textarea>" in html
    assert 'value="https://www.fda.gov/"' in html
    assert form_data(html, "article_form")["notices"] == ["urgent-help"]


def test_saving_the_form_unchanged_keeps_the_export_byte_for_byte(editor_client, tmp_path,
                                                                 make_article):
    """Bundled content -> admin form -> saved revision -> export: the same file."""
    from django.conf import settings

    call_command("import_content", str(settings.BASE_DIR / "content"), publish=True,
                 stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get(slug="common-benzodiazepines")
    assert article.references and article.key_points
    call_command("export_content", str(tmp_path / "before"), stdout=StringIO())
    html = editor_client.get(change_url(article)).content.decode()
    data = form_data(html, "article_form")
    data["body"] = [data["body"][0].replace("\r\n", "\n")]
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    saved, live = article.latest_revision.content, article.live_revision.content
    assert saved["body"].strip() == live["body"].strip()  # the admin trims the last newline
    for name in ("key_points", "references", "notices", "glossary_exclude", "topics"):
        assert saved[name] == live[name], name
    article.publish(article.latest_revision, actor_label="test")
    call_command("export_content", str(tmp_path / "after"), stdout=StringIO())
    name = "articles/common-benzodiazepines.md"
    assert (tmp_path / "after" / name).read_text() == (tmp_path / "before" / name).read_text()


def test_term_aliases_are_one_per_line(make_term, client, login_staff, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("glossarist", password="x" * 20, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["change_term"]))
    login_staff(client, user)
    term = make_term("clonazepam", "clonazepam", aliases=["Klonopin", "Rivotril"])
    html = client.get(change_url(term)).content.decode()
    assert ">\nKlonopin\nRivotril</textarea>" in html
    data = form_data(html, "term_form")
    data["aliases"] = ["Klonopin\nRivotril\nKlonopin wafers"]
    response = client.post(change_url(term), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Term.objects.get(pk=term.pk).latest_revision.content["aliases"] == [
        "Klonopin", "Rivotril", "Klonopin wafers"]


def test_an_error_names_the_row_numbered_so_on_the_form(editor_client):
    """A blank row before a bad one doesn't shift the numbers: "Reference 2" is row 2."""
    response = editor_client.post(ADD_URL, new_article(**{
        "references-0-title": "Good", "references-0-publisher": "FDA",
        "references-0-year": "2020", "references-0-url": "https://www.fda.gov/",
        "references-1-title": "",
        "references-2-title": "Bad", "references-2-publisher": "NHS",
        "references-2-year": "2021", "references-2-url": "www.nhs.uk"}))
    assert form_errors(response, "references") == [
        "Reference 2: the web address must start with https:// (“www.nhs.uk” doesn't)."]
    html = response.content.decode()
    row_two = html.split("Reference 2</legend>", 1)[1].split("</fieldset>", 1)[0]
    assert 'value="www.nhs.uk"' in row_two
