"""The bundled content set: complete, sourced, plain, safe, and internally consistent."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from core.content_files import read_front_matter
from core.readability import reading_grade
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


# --- Citations, sources and plain language (the clinical review's rules) -------------------

from articles.citations import check as check_citations  # noqa: E402


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_every_reference_has_a_key_and_every_marker_names_one(slug):
    data, body = ARTICLES[slug]
    assert all(reference.get("key") for reference in data["references"]), "give each a key"
    result = check_citations(body, data["references"])
    assert result.unknown == [], f"cited but not listed: {result.unknown}"
    assert result.uncited == [], f"listed but never cited: {result.uncited}"


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_article_cites_at_least_three_sources_from_two_publishers(slug):
    references = ARTICLES[slug][0]["references"]
    assert len(references) >= 3
    assert len({reference["publisher"] for reference in references}) >= 2


def test_a_reference_key_means_the_same_source_everywhere():
    seen: dict[str, tuple] = {}
    for slug, (data, _) in ARTICLES.items():
        for reference in data["references"]:
            same = (reference["url"], reference["year"], reference["title"])
            assert seen.setdefault(reference["key"], same) == same, (slug, reference["key"])


def test_the_site_draws_on_at_least_fifteen_distinct_sources():
    urls = {reference["url"] for data, _ in ARTICLES.values() for reference in data["references"]}
    assert len(urls) >= 15, sorted(urls)


# A number, a named authority's finding or a "the FDA / the guideline says" needs a marker.
CLAIM = re.compile(r"\d|\b(FDA|NICE|guideline|label|Beers|NHS|SAMHSA|DEA)\b.*"
                   r"\b(say|says|said|warns?|advises?|recommends?|notes?|quotes?|added|required|"
                   r"lists?|describes?)\b")
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")


def _unsourced_claims(body: str) -> list[str]:
    unsourced = []
    for block in re.split(r"\n\s*\n", body):
        if block.lstrip().startswith("#"):
            continue
        # A marker covers its sentence; a list's lead-in marker ("...[^key]:") covers the list.
        if re.search(r"\[\^[a-z0-9-]+\]:\s*$", block.split("\n")[0]):
            continue
        for sentence in SENTENCE.split(block):
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", sentence)  # link text only
            if re.fullmatch(r"\s*\d+\.\s*", text):  # a numbered list's number
                continue
            if CLAIM.search(re.sub(r"\[\^[a-z0-9-]+\]", "", text)) and "[^" not in text:
                unsourced.append(sentence.strip())
    return unsourced


# Sentences that name an authority only to point the reader somewhere, not to report it.
NOT_A_CLAIM = re.compile(r"^(- )?(Call|Use|See|Ask|Check|Tell|Keep|In a crisis|Not sure)|"
                         r"urgent help box|^\d+\. ", re.IGNORECASE)


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_every_number_and_named_source_in_an_article_carries_a_citation(slug):
    claims = [s for s in _unsourced_claims(ARTICLES[slug][1]) if not NOT_A_CLAIM.search(s)]
    assert claims == [], "\n".join(claims)


FACT = re.compile(r"\b(19|20)\d{2}\b|\bFDA\b|[Bb]oxed warning|\bBeers\b|\bNICE\b|[Ss]urvey|"
                  r"\b[Ss]tud(y|ies)\b|\bSchedule [IV]+\b|\d+ ?%|in 100|"
                  r"[Gg]uidelines? (say|suggest|advise)")
SOURCE_LINE = re.compile(r"^Sources?: .*\]\((https://[^)]+)\)", re.MULTILINE)


@pytest.mark.parametrize("slug", sorted(TERMS))
def test_glossary_terms_that_state_a_fact_cite_a_source(slug):
    data, body = TERMS[slug]
    prose = SOURCE_LINE.sub("", body)
    if FACT.search(prose) or FACT.search(data["short_definition"]):
        match = SOURCE_LINE.search(body)
        assert match, f"{slug} states a fact; end it with a 'Source: [title](https://...)' line"
        for url in re.findall(r"\]\((https://[^)]+)\)", match.group(0)):
            host = urlsplit(url).netloc.lower().removeprefix("www.")
            assert host.endswith(AUTHORITATIVE_HOSTS), url


# Plain language, measured on the text as written: glossary words count like any other.
def _sentences(markdown_body: str) -> list[str]:
    from core.readability import prose
    return [s for s in re.split(r"(?<=[.!?:;])\s+", prose(markdown_body)) if s.strip()]


def _as_written(slug):
    from core.readability import prose
    return prose(ARTICLES[slug][1])


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_article_as_written_is_within_grade_9_and_smog_10(slug):
    import textstat
    text = _as_written(slug)
    assert textstat.flesch_kincaid_grade(text) <= 9, slug
    assert textstat.smog_index(text) <= 10, slug


def test_median_article_grade_as_written_is_7_or_below():
    import statistics

    import textstat
    grades = [textstat.flesch_kincaid_grade(_as_written(slug)) for slug in ARTICLES]
    assert statistics.median(grades) <= 7


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_no_sentence_is_longer_than_25_words(slug):
    data, body = ARTICLES[slug]
    long = [s for s in _sentences(body + "\n" + "\n".join(f"- {p}" for p in data["key_points"]))
            if len(s.split()) > 25]
    assert long == []


def test_aliases_that_meant_something_else_are_gone():
    wrong = {"short-acting": "fast-acting", "long-term-use": "regular use",
             "protracted-withdrawal": "PAWS", "seizure": "fit"}
    for slug, alias in wrong.items():
        assert alias not in (TERMS[slug][0].get("aliases") or []), (slug, alias)


TOLERANCE_WORDS = re.compile(r"gets? used to|got(ten)? used to", re.IGNORECASE)


@pytest.mark.parametrize("path", sorted(str(p.relative_to(CONTENT))
                                        for p in CONTENT.rglob("*.md")))
def test_tolerance_and_dependence_are_never_both_called_getting_used_to(path):
    assert not TOLERANCE_WORDS.search((CONTENT / path).read_text(encoding="utf-8")), path


DECIDING = ["dependence-when-taken-as-prescribed", "physical-dependence", "tolerance", "withdrawal",
            "pregnancy-and-breastfeeding", "talking-to-your-prescriber", "what-are-benzodiazepines",
            "reducing-with-your-prescriber", "sleep-and-benzodiazepines", "older-adults"]


@pytest.mark.parametrize("slug", DECIDING)
def test_pages_where_readers_decide_name_opioids_and_alcohol(slug):
    body = ARTICLES[slug][1].lower()
    assert "opioid" in body and "alcohol" in body


WEAK_DRIVING = re.compile(r"(do not|don't) drive[^.]*if you feel (drowsy|sleepy)", re.IGNORECASE)


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_driving_advice_is_not_only_if_you_feel_drowsy(slug):
    assert not WEAK_DRIVING.search(ARTICLES[slug][1])


@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_every_hard_word_is_replaced_or_explained_by_the_glossary(slug):
    from editor.checks import unexplained_words
    data, body = ARTICLES[slug]
    assert unexplained_words(body + "\n" + "\n".join(data["key_points"]), GLOSSARY_PHRASES) == []
