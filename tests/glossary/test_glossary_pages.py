"""Glossary terms: pages, redirects, auto-links in articles, backlinks, caching, import/export."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from glossary.models import GlossaryState, Term, TermUsage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_article_links_first_occurrence_with_inline_definition(client, make_article, make_term):
    make_term("tolerance", "tolerance", short="The same dose works less well over time.")
    make_article("a", body="Tolerance can grow. Tolerance again.")
    html = client.get("/articles/a/").text
    assert html.count('class="gloss-term"') == 1
    assert ('href="/glossary/tolerance/" aria-describedby="gloss-def-tolerance">Tolerance</a>'
            in html)
    assert "The same dose works less well over time." in html


def test_brand_name_alias_links_to_the_generic_term(client, make_article, make_term):
    make_term("clonazepam", "Clonazepam", aliases=["Klonopin"])
    make_article("a", body="Some people take Klonopin.")
    assert 'href="/glossary/clonazepam/"' in client.get("/articles/a/").text


def test_article_can_opt_a_term_out(client, make_article, make_term):
    make_term("tolerance", "tolerance")
    make_article("a", body="Tolerance can grow.", glossary_exclude=["tolerance"])
    assert "gloss-term" not in client.get("/articles/a/").text


def test_draft_terms_are_not_linked_or_shown(client, make_article, make_term):
    make_term("secret", "secret word", live=False)
    make_article("a", body="A secret word here.")
    assert "gloss-term" not in client.get("/articles/a/").text
    assert client.get("/glossary/secret/").status_code == 404
    assert "secret word" not in client.get("/glossary/").text


def test_hostile_short_definition_cannot_inject_markup(client, make_article, make_term):
    make_term("gaba", "GABA", short='"><script>alert(1)</script><img src=x onerror=alert(1)>')
    make_article("a", body="GABA calms the brain.")
    for url in ["/articles/a/", "/glossary/", "/glossary/gaba/"]:
        html = client.get(url).text
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url


def test_term_page_shows_definition_aliases_related_and_backlinks(
    client, make_article, make_term, django_capture_on_commit_callbacks
):
    make_term("benzodiazepine", "benzodiazepine")
    with django_capture_on_commit_callbacks(execute=True):
        make_term("clonazepam", "Clonazepam", aliases=["Klonopin", "Rivotril"],
                  definition="A long-acting **benzodiazepine**. Clonazepam lasts.",
                  related=["benzodiazepine"])
        make_article("about-klonopin", title="About Klonopin", body="Klonopin is a medicine.")
        make_article("other", title="Other page", body="Nothing relevant.")
    html = client.get("/glossary/clonazepam/").text
    assert "<h1>Clonazepam</h1>" in html
    assert "Klonopin, Rivotril" in html
    assert 'href="/glossary/benzodiazepine/"' in html  # related, and linked in the definition
    assert 'href="/glossary/clonazepam/"' not in html.split("<main", 1)[1].split("</article>")[0] \
        .replace('<a href="/glossary/clonazepam/"', "")  # never links to itself
    backlinks = html.split("Articles that use this word", 1)[1]
    assert "About Klonopin" in backlinks and "Other page" not in backlinks


def test_alias_and_old_slugs_redirect_permanently(client, make_term):
    term = make_term("clonazepam", "Clonazepam", aliases=["Klonopin"])
    response = client.get("/glossary/klonopin/")
    assert response.status_code == 301 and response["Location"] == "/glossary/clonazepam/"
    content = {**term.serialize_content(), "slug": "clonazepam-medicine"}
    term.publish(term.save_revision(content=content))
    response = client.get("/glossary/clonazepam/")
    assert response.status_code == 301
    assert response["Location"] == "/glossary/clonazepam-medicine/"
    assert client.get("/glossary/nothing-here/").status_code == 404


def test_index_groups_terms_by_letter_with_inactive_letters(client, make_term):
    make_term("anxiety", "Anxiety")
    make_term("gaba", "GABA")
    html = client.get("/glossary/").text
    assert '<a href="#letter-a">A</a>' in html and '<a href="#letter-g">G</a>' in html
    assert '<span class="letter-inactive" aria-disabled="true">B</span>' in html
    assert 'id="letter-a"' in html


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_structured_data_is_defined_term_set_and_defined_term(client, make_term):
    make_term("gaba", "GABA", short="A calming brain chemical.")
    index = _json_ld(client.get("/glossary/").text)[0]
    assert index["@type"] == "DefinedTermSet"
    assert index["hasDefinedTerm"][0]["name"] == "GABA"
    term = _json_ld(client.get("/glossary/gaba/").text)[0]
    assert term["@type"] == "DefinedTerm" and term["description"] == "A calming brain chemical."
    assert term["url"].startswith("http")


def test_structured_data_cannot_break_out_of_its_script(client, make_term):
    make_term("x", "</script><script>alert(1)</script>", short="</script><b>x</b>")
    html = client.get("/glossary/x/").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_linked_html_changes_when_a_term_is_added_edited_or_removed(
    client, make_article, make_term
):
    make_article("a", body="Tolerance and GABA.")
    assert "gloss-term" not in client.get("/articles/a/").text  # cached without links
    version = GlossaryState.current()
    term = make_term("gaba", "GABA", short="First meaning.")
    assert GlossaryState.current() > version
    assert "First meaning." in client.get("/articles/a/").text
    term.publish(term.save_revision(content={**term.serialize_content(),
                                             "short_definition": "Second meaning."}))
    assert "Second meaning." in client.get("/articles/a/").text
    term.delete()
    assert "gloss-term" not in client.get("/articles/a/").text


def test_article_page_queries_stay_bounded_with_many_terms(
    client, make_article, make_term, django_assert_max_num_queries
):
    for number in range(30):
        make_term(f"term-{number}", f"word{number}")
    make_article("a", body=" ".join(f"word{n}" for n in range(30)))
    with django_assert_max_num_queries(4):
        client.get("/articles/a/")
    with django_assert_max_num_queries(2):
        client.get("/articles/a/")


def test_alias_colliding_with_another_term_is_a_clear_validation_error(make_term):
    make_term("benzodiazepine", "Benzodiazepine", aliases=["benzo"])
    term = Term(term="Benzo pill", slug="benzo-pill", aliases=["Benzo"],
                short_definition="x", category="concept")
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "already used by the term “Benzodiazepine”" in str(error.value)


def test_aliases_collide_exactly_when_the_linker_would_match_them_as_one(make_term):
    """One normal form (core.text.normalise_phrase) for collisions and for linking."""
    make_term("alzheimers", "Alzheimer’s disease")
    make_term("strasse", "Strasse")
    same = Term(term="Alzheimer's  DISEASE", slug="alz", short_definition="x",
                category="concept")
    with pytest.raises(ValidationError):
        same.full_clean()
    different = Term(term="Straße", slug="strasse-2", short_definition="x", category="concept")
    different.full_clean()


GOOD = """---
term: GABA
slug: gaba
aliases: [gamma-aminobutyric acid]
short_definition: A brain chemical that calms nerve signals.
category: concept
related: [benzodiazepine]
---
GABA is the brain's main **calming** messenger.
"""
BENZO = """---
term: Benzodiazepine
slug: benzodiazepine
aliases: [benzo]
short_definition: A calming medicine.
category: medicine
---
A kind of medicine.
"""


def _import(*paths, publish=True):
    err = StringIO()
    try:
        call_command("import_content", *map(str, paths), publish=publish, stdout=StringIO(),
                     stderr=err)
    except CommandError:
        return err.getvalue(), True
    return err.getvalue(), False


def test_glossary_files_import_and_round_trip(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "gaba.md").write_text(GOOD)
    (folder / "benzodiazepine.md").write_text(BENZO)
    err, failed = _import(folder)
    assert not failed, err
    gaba = Term.objects.get(slug="gaba")
    assert gaba.live and list(gaba.related.values_list("slug", flat=True)) == ["benzodiazepine"]
    before = {t.slug: t.serialize_content() for t in Term.objects.all()}
    call_command("export_content", str(tmp_path / "out"), stdout=StringIO())
    Term.objects.all().delete()
    err, failed = _import(tmp_path / "out" / "glossary")
    assert not failed, err
    assert {t.slug: t.serialize_content() for t in Term.objects.all()} == before


@pytest.mark.parametrize(("text", "field", "other_survives"), [
    (GOOD.replace("category: concept", "category: spell"), "category", True),
    (GOOD.replace("short_definition: A brain chemical that calms nerve signals.",
                  "short_definition: " + "long " * 50), "short_definition", True),
    (GOOD.replace("related: [benzodiazepine]", "related: [nope]"), "related", True),
    (GOOD.replace("aliases: [gamma-aminobutyric acid]", "aliases: [benzo]"), "aliases", False),
    (GOOD.replace("aliases: [gamma-aminobutyric acid]", "aliases: [GABA]"), "aliases", True),
    (GOOD.replace("term: GABA\n", ""), "term", True),
])
def test_bad_glossary_files_are_refused_with_their_field(tmp_path, text, field, other_survives):
    """An alias claimed by two files in one import is ambiguous: both are refused."""
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "gaba.md").write_text(text)
    (folder / "benzodiazepine.md").write_text(BENZO)
    err, failed = _import(folder)
    assert failed and f"gaba.md: {field}" in err, err
    assert Term.objects.filter(slug="benzodiazepine").exists() == other_survives
    assert not Term.objects.filter(slug="gaba").exists()


def test_bundled_glossary_has_backlinks_after_import():
    err, failed = _import(*(p for p in (ROOT / "content").iterdir() if p.is_dir()))
    assert not failed, err
    assert Term.objects.live().count() >= 70
    assert TermUsage.objects.filter(term__slug="clonazepam").exists()
