"""Citation markers: [^key] in the body, keyed to the references, numbered links both ways."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.citations import check, link_citations, sentences_citing
from articles.models import Article
from core.markdown import render_document

TOPIC = """---
title: Dependence
slug: dependence
summary: How the body comes to rely on a medicine.
---
An introduction.
"""

ARTICLE = """---
title: Tolerance
slug: tolerance
summary: The same dose can work less well over time.
topics: [dependence]
key_points:
  - The same dose can work less well.
  - Talk to your prescriber.
  - Do not take more on your own.
references:
  - key: fda-2020
    title: FDA Boxed Warning for benzodiazepines
    publisher: U.S. Food and Drug Administration
    year: 2020
    url: https://www.fda.gov/drugs/drug-safety-and-availability/fda-requiring-boxed-warning-updated-improve-safe-use-benzodiazepine-drug-class
  - key: nhs-clonazepam
    title: Clonazepam
    publisher: NHS
    year: 2023
    url: https://www.nhs.uk/medicines/clonazepam/
---
## What it means

The FDA warns about dependence[^fda-2020]. Do not drink alcohol with it[^nhs-clonazepam].

## More

Stopping suddenly can be dangerous[^fda-2020].
"""

REFERENCES = [{"key": "fda-2020"}, {"key": "nhs-clonazepam"}]


def test_markers_become_numbered_links_to_the_sources_in_list_order():
    html = link_citations(render_document("One[^nhs-clonazepam]. Two[^fda-2020]. "
                                          "Three[^fda-2020].").html, REFERENCES)
    assert ('<sup class="citation" id="cite-nhs-clonazepam"><a href="#source-nhs-clonazepam" '
            'aria-label="Source 2">[2]</a></sup>') in html
    assert 'id="cite-fda-2020"' in html and 'id="cite-fda-2020-2"' in html
    assert "[^" not in html


def test_unknown_markers_and_markup_in_them_are_left_as_text():
    html = link_citations(render_document('A[^nope]. B[^<script>"x"]').html, REFERENCES)
    assert "[^nope]" in html and "<script" not in html


def test_check_names_unknown_and_uncited_keys():
    result = check("A[^fda-2020]. B[^other].", REFERENCES)
    assert result.unknown == ["other"] and result.uncited == ["nhs-clonazepam"]


def test_sentences_citing_gives_the_reviewer_each_claim():
    body = ARTICLE.split("---\n", 2)[2]
    assert sentences_citing(body, "fda-2020") == ["The FDA warns about dependence.",
                                                  "Stopping suddenly can be dangerous."]


def run_import(*paths):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_content", *map(str, paths), publish=True, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def write(tmp_path: Path, article: str) -> Path:
    (tmp_path / "topics").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "topics" / "dependence.md").write_text(TOPIC)
    (tmp_path / "articles" / "tolerance.md").write_text(article)
    return tmp_path


@pytest.mark.django_db
def test_import_refuses_an_unknown_citation_key(tmp_path):
    _, err, error = run_import(write(tmp_path, ARTICLE.replace("[^nhs-clonazepam]",
                                                               "[^nhs-2099]")))
    assert error is not None
    assert "cites [^nhs-2099], but no reference has key 'nhs-2099'" in err
    assert not Article.objects.filter(slug="tolerance").exists()


@pytest.mark.django_db
def test_import_warns_about_a_source_never_cited(tmp_path):
    _, err, error = run_import(write(tmp_path, ARTICLE.replace("[^nhs-clonazepam]", "")))
    assert error is None
    assert "warning:" in err and "reference 'nhs-clonazepam' is never cited" in err
    assert Article.objects.get(slug="tolerance").live


@pytest.mark.django_db
def test_import_refuses_a_duplicate_or_malformed_key(tmp_path):
    _, err, error = run_import(write(tmp_path, ARTICLE.replace("key: nhs-clonazepam",
                                                               "key: fda-2020")))
    assert error is not None and "key" in err


@pytest.mark.django_db
def test_article_page_links_citations_to_sources_and_back(tmp_path, client):
    run_import(write(tmp_path, ARTICLE))
    html = client.get("/articles/tolerance/").content.decode()
    assert '<a href="#source-fda-2020" aria-label="Source 1">[1]</a>' in html
    assert re.search(r'<li id="source-fda-2020">.*?<a href="#cite-fda-2020" '
                     r'class="citation-back" aria-label="Back to where source 1 is first cited">',
                     html, re.DOTALL)
    assert 'id="source-nhs-clonazepam"' in html and 'href="#cite-nhs-clonazepam"' in html


@pytest.mark.django_db
def test_reviewer_sees_each_source_with_the_sentences_that_cite_it(tmp_path, client, login_staff,
                                                                   django_user_model):
    run_import(write(tmp_path, ARTICLE.replace(" Do not drink alcohol with it[^nhs-clonazepam].",
                                               "")))
    article = Article.objects.get(slug="tolerance")
    user = django_user_model.objects.create_superuser("reviewer", "r@example.org", "pw-12345678")
    login_staff(client, user)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    section = html[html.index('class="sources-and-claims"'):]
    assert "<li>The FDA warns about dependence.</li>" in section
    assert "<li>Stopping suddenly can be dangerous.</li>" in section
    assert "Not cited by any sentence." in section  # the NHS source, once its sentence is gone
