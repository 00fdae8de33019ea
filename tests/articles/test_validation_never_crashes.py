"""Finding 3: structured fields and front matter of any type give a field error, never a 500.

Saving ``notices=[[1]]`` in the admin was a 500 (unhashable type) and ``import_content`` of
the same, or of 5,000-deep nested YAML, ended in a traceback that didn't name the file.
"""

import json
from io import StringIO

import pytest
import yaml
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from editorial.roles import AUTHOR

pytestmark = pytest.mark.django_db

ARTICLE_FIELDS = ["title", "slug", "summary", "topics", "key_points", "references", "notices",
                  "glossary_exclude", "language"]


def run_import(*paths):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_content", *map(str, paths), stdout=out, stderr=err)
    except CommandError:
        return err.getvalue(), False
    return err.getvalue(), True


def article_file(folder, front_matter: str, body: str = "Plain words.\n", name="tolerance.md"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front_matter}\n---\n{body}", encoding="utf-8")
    return path


BASE = ("title: Tolerance\nslug: tolerance\nsummary: The same dose can work less well.\n"
        "topics: []\nkey_points: [A point.]\n")


@pytest.mark.parametrize("extra, field", [
    ("notices: [[1]]", "notices"),
    ('notices: [{"a": 1}]', "notices"),
    ("references: [{1: 2}]", "references"),
    ("references: [{[1]: 2}]", "front matter"),
    ("1: x", "1"),
    ("about: {type: [1], name: x}", None),
    ("topics: [[a]]", "topics"),
    ("key_points: [{a: 1}]", "key_points"),
    ("language: [en]", "language"),
    ("a: " + "[" * 5000 + "]" * 5000, "front matter"),
    ("references: " + "[" * 50 + "]" * 50, "references"),
])
def test_import_of_values_of_any_type_names_the_file_and_field(tmp_path, extra, field):
    path = article_file(tmp_path / "articles", BASE.replace("key_points: [A point.]\n", "")
                        + "key_points: [A point.]\n" + extra)
    errors, ok = run_import(path)
    assert not ok
    assert f"error: {path}:" in errors
    if field:
        assert f"{path}: {field}:" in errors
    assert "Traceback" not in errors
    assert not Article.objects.exists()


def test_a_body_too_dense_to_render_is_refused_by_import(tmp_path):
    path = article_file(tmp_path / "articles", BASE, body="[" * 16_000)
    errors, ok = run_import(path)
    assert not ok and f"{path}: body:" in errors and "“[”" in errors


# Any JSON-ish value, including unhashable ones and odd keys.
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(ARTICLE_FIELDS), value=VALUES)
def test_fuzz_import_files_give_errors_never_exceptions(tmp_path_factory, field, value):
    folder = tmp_path_factory.mktemp("fuzz") / "articles"
    data = yaml.safe_load(BASE) | {"references": [], field: value}
    path = article_file(folder, yaml.safe_dump(data))
    errors, ok = run_import(path)
    assert ok or f"error: {path}:" in errors
    Article.objects.all().delete()


TERM_BASE = "term: tolerance\nslug: tolerance\nshort_definition: The same dose works less.\n"
TERM_FIELDS = ["term", "slug", "aliases", "short_definition", "category", "related", "language"]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(TERM_FIELDS), value=VALUES)
def test_fuzz_glossary_files_give_errors_never_exceptions(tmp_path_factory, field, value):
    from glossary.models import Term

    folder = tmp_path_factory.mktemp("fuzz") / "glossary"
    data = yaml.safe_load(TERM_BASE) | {field: value}
    path = article_file(folder, yaml.safe_dump(data))
    errors, ok = run_import(path)
    assert ok or f"error: {path}:" in errors
    Term.objects.all().delete()


@pytest.fixture
def author_client(client, django_user_model, login_staff):
    user = django_user_model.objects.create_user("writer", password="x" * 20, is_staff=True)
    user.groups.add(Group.objects.get(name=AUTHOR))
    return login_staff(client, user)


def admin_form(**changes):
    data = {"title": "Tolerance", "slug": "tolerance", "summary": "A plain summary.",
            "body": "Plain words.", "key_points": '["A point."]', "references": "[]",
            "notices": "[]", "glossary_exclude": "[]", "language": "en",
            "review_interval_months": "12"}
    data.update(changes)
    return data


@pytest.mark.parametrize("field, value", [
    ("notices", "[[1]]"), ("notices", '[{"a": 1}]'), ("notices", "{\"a\": 1}"),
    ("references", '[{"1": 2}]'), ("references", '[[{"a": 1}]]'), ("key_points", '[{"a": 1}]'),
    ("glossary_exclude", "[[1]]"), ("body", "[" * 16_000),
])
def test_admin_save_with_values_of_any_type_is_a_field_error(author_client, field, value):
    response = author_client.post(reverse("admin:articles_article_add"),
                                  admin_form(**{field: value}))
    assert response.status_code == 200  # the form again, with the error; not a 500
    assert field in response.context["adminform"].form.errors
    assert not Article.objects.exists()


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(["key_points", "references", "notices", "glossary_exclude"]),
       value=VALUES)
def test_fuzz_admin_form_data_gives_field_errors_never_exceptions(author_client, field, value):
    response = author_client.post(reverse("admin:articles_article_add"),
                                  admin_form(**{field: json.dumps(value)}))
    assert response.status_code in (200, 302)
    Article.objects.all().delete()


@pytest.mark.parametrize("field, value", [
    ("key_points", ["A point with a NUL \u0000 in it."]),
    ("key_points", "A point with a NUL \u0000 in it."),
    ("references", [{"key": "a", "title": "T\u0000", "publisher": "P", "year": 2020,
                     "url": "https://example.org/"}]),
    ("glossary_exclude", ["tolerance\u0000"]),
    ("notices", ["urgent-help\u0000"]),
])
def test_a_nul_character_in_a_list_field_is_a_field_error(author_client, field, value):
    """PostgreSQL cannot store U+0000 in JSON text: it must be refused as an error, not a 500."""
    posted = value if isinstance(value, str) else json.dumps(value)
    response = author_client.post(reverse("admin:articles_article_add"),
                                  admin_form(**{field: posted}))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Article.objects.exists()
