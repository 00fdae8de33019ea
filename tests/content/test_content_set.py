"""The bundled content set: complete, sourced, plain, safe, and internally consistent."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from articles.content_files import read_front_matter
from articles.readability import reading_grade
from glossary.linker import GlossaryEntry, Linker

CONTENT = Path(__file__).resolve().parents[2] / "content"
ARTICLES = {p.stem: read_front_matter(p) for p in sorted((CONTENT / "articles").glob("*.md"))}
TERMS = {p.stem: read_front_matter(p) for p in sorted((CONTENT / "glossary").glob("*.md"))}
TOPICS = {p.stem: read_front_matter(p) for p in sorted((CONTENT / "topics").glob("*.md"))}
GLOSSARY_PHRASES = [phrase for data, _ in TERMS.values()
                    for phrase in [data["term"], *(data.get("aliases") or [])]]
MAX_GRADE = 8.0

# Regulators, guideline bodies, government health services and peer-reviewed literature.
AUTHORITATIVE_HOSTS = (
    "fda.gov", "dailymed.nlm.nih.gov", "nhs.uk", "nice.org.uk", "pubmed.ncbi.nlm.nih.gov",
    "pmc.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov", "samhsa.gov", "medlineplus.gov", "nih.gov",
    "cdc.gov", "who.int", "asam.org", "americangeriatrics.org", "psychiatry.org",
    "bnf.nice.org.uk", "medicines.org.uk", "gov.uk", "mhra.gov.uk", "ema.europa.eu",
    "doi.org", "jamanetwork.com", "bmj.com", "thelancet.com", "nejm.org", "springer.com",
    "wiley.com", "acog.org", "aafp.org", "cochranelibrary.com", "rcpsych.ac.uk",
    "findtreatment.gov", "dea.gov",
)
REQUIRED_TOPICS = {
    "how they work": ["gaba"],
    "tolerance": ["tolerance"],
    "physical dependence": ["physical dependence"],
    "withdrawal": ["withdrawal"],
    "addiction vs dependence": ["addiction"],
    "clonazepam as prescribed": ["clonazepam"],
    "reducing with a prescriber": ["taper"],
    "talking to your prescriber": ["question"],
    "non-drug help": ["cbt", "cognitive behavioral therapy"],
    "mixing": ["opioid"],
    "older adults": ["older"],
    "pregnancy and breastfeeding": ["pregnan"],
    "common benzodiazepines": ["common benzodiazepines", "brand names", "alprazolam"],
    "urgent help": ["emergency"],
}


def test_there_are_enough_articles_and_terms():
    assert len(ARTICLES) >= 14
    assert len(TERMS) >= 70


@pytest.mark.parametrize("topic", sorted(REQUIRED_TOPICS))
def test_every_topic_in_the_brief_has_an_article(topic):
    words = REQUIRED_TOPICS[topic]
    titles = [(data["title"] + " " + data["summary"]).lower() for data, _ in ARTICLES.values()]
    assert any(any(word in title for word in words) for title in titles), topic


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_article_front_matter_is_complete(slug):
    data, body = ARTICLES[slug]
    assert data["slug"] == slug
    assert len(data["summary"]) <= 160
    assert 3 <= len(data.get("key_points") or []) <= 6
    assert data.get("topics"), "every article belongs to a topic"
    assert set(data["topics"]) <= set(TOPICS)
    assert len(data.get("references") or []) >= 2
    assert body.count("\n## ") + body.startswith("## ") >= 2, "sections with ## headings"


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_references_are_authoritative_https_sources(slug):
    for reference in ARTICLES[slug][0]["references"]:
        url = urlsplit(reference["url"])
        assert url.scheme == "https" and url.netloc, reference
        host = url.netloc.lower().removeprefix("www.")
        assert host.endswith(AUTHORITATIVE_HOSTS), f"{host} is not a known authoritative source"
        assert isinstance(reference["year"], int) and 1950 <= reference["year"] <= 2026
        assert reference["title"].strip() and reference["publisher"].strip()


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_article_reads_at_us_grade_8_or_below(slug):
    data, body = ARTICLES[slug]
    grade = reading_grade(body, GLOSSARY_PHRASES)
    assert grade <= MAX_GRADE, f"{slug} reads at grade {grade:.1f}"
    key_points = "\n".join(f"- {point}" for point in data["key_points"])
    assert reading_grade(key_points, GLOSSARY_PHRASES) <= MAX_GRADE


@pytest.mark.parametrize("slug", sorted(TERMS))
def test_glossary_definitions_are_plain(slug):
    data, body = TERMS[slug]
    assert data["slug"] == slug
    assert len(data["short_definition"]) <= 200
    assert "\n" not in data["short_definition"].strip()
    assert reading_grade(body, GLOSSARY_PHRASES) <= MAX_GRADE


def test_every_glossary_term_is_used_by_an_article_or_linked_from_another_term():
    linker = Linker(
        GlossaryEntry(slug, f"/glossary/{slug}/", data["short_definition"],
                      tuple([data["term"], *(data.get("aliases") or [])]))
        for slug, (data, _) in TERMS.items()
    )
    used = set()
    for _, body in ARTICLES.values():
        used |= linker.find_slugs(body)
    for data, _ in TERMS.values():
        used |= set(data.get("related") or [])
    assert set(TERMS) - used == set()


INTERNAL_LINK = re.compile(r"\]\((/(articles|topics|glossary)/([a-z0-9-]+)/)(#[^)]*)?\)")


@pytest.mark.parametrize("path", sorted(str(p.relative_to(CONTENT))
                                        for p in CONTENT.rglob("*.md")))
def test_internal_links_point_at_content_that_exists(path):
    _, body = read_front_matter(CONTENT / path)
    known = {"articles": ARTICLES, "topics": TOPICS, "glossary": TERMS}
    for url, kind, slug, _ in INTERNAL_LINK.findall(body):
        assert slug in known[kind], f"{path} links to {url}, which does not exist"


def test_related_terms_exist():
    for slug, (data, _) in TERMS.items():
        assert set(data.get("related") or []) <= set(TERMS), slug


DOSE = re.compile(r"\b\d+(\.\d+)?\s?(mg|milligrams?|mcg|micrograms?)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", sorted(str(p.relative_to(CONTENT))
                                        for p in CONTENT.rglob("*.md")))
def test_no_doses_in_any_content(path):
    text = (CONTENT / path).read_text(encoding="utf-8")
    assert not DOSE.search(text), f"{path} mentions a dose"


def test_pages_that_discuss_stopping_carry_the_dont_stop_suddenly_notice():
    for slug in ["withdrawal", "reducing-with-your-prescriber", "physical-dependence",
                 "dependence-when-taken-as-prescribed"]:
        if slug in ARTICLES:
            assert "dont-stop-suddenly" in (ARTICLES[slug][0].get("notices") or []), slug
