"""The glossary auto-linker: pure functions over sanitized HTML, no database."""

from __future__ import annotations

import html
import pickle
import re
from html.parser import HTMLParser

import markdown
import nh3
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import plain_text
from glossary.linker import GlossaryEntry, Linker, LinkResult


def entry(slug: str, *phrases: str, definition: str = "A short definition.",
          url: str | None = None) -> GlossaryEntry:
    return GlossaryEntry(slug=slug, url=url if url is not None else f"/glossary/{slug}/",
                         short_definition=definition, phrases=phrases)


TERMS = [
    entry("physical-dependence", "physical dependence",
          definition="The body has adapted to a drug."),
    entry("dependence", "dependence"),
    entry("dependence-syndrome", "dependence syndrome"),
    entry("clonazepam", "Clonazepam", "Klonopin", "Rivotril"),
    entry("benzodiazepine", "benzodiazepine", "benzo"),
    entry("gaba", "GABA"),
    entry("rash", "rash"),
    entry("therapy", "therapy"),
    entry("tolerance", "tolerance"),
    entry("alcohol", "alcohol"),
    entry("alcohol-use-disorder", "alcohol use disorder"),
    entry("st-johns-wort", "St John's wort"),
    entry("r-and-d", "R&D"),
]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(TERMS)


def render(text: str) -> str:
    """Markdown to sanitized HTML, shaped as core.markdown makes it."""
    return nh3.clean(markdown.markdown(text, extensions=["fenced_code"]))


def linked(html_text: str) -> list[str]:
    """The text of each glossary link, in order."""
    return re.findall(r'<a class="gloss-term"[^>]*>(.*?)</a>', html_text, re.DOTALL)


GLOSS_MARKUP = re.compile(
    r'<span class="gloss"><a class="gloss-term" href="[^"]*"(?: aria-describedby="[^"]*")?>'
    r'(.*?)</a>(?:<span class="gloss-def" id="[^"]*" role="tooltip">[^<]*</span>)?</span>',
    re.DOTALL,
)


def unlinked(html_text: str) -> str:
    """The HTML with the linker's markup taken out again."""
    return GLOSS_MARKUP.sub(r"\1", html_text)


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser would read them."""

    def __init__(self, html_text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html_text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# The markup contract


def test_first_mention_becomes_link_described_by_its_definition(linker):
    """The definition, with no parentheses around it: the stylesheet shows it as a popover."""
    result = linker.link("<p>About tolerance.</p>")
    assert result == LinkResult(
        html='<p>About <span class="gloss"><a class="gloss-term" href="/glossary/tolerance/"'
             ' aria-describedby="gloss-def-tolerance">tolerance</a><span class="gloss-def"'
             ' id="gloss-def-tolerance" role="tooltip">A short definition.</span></span>.</p>',
        slugs=("tolerance",),
    )


def test_html_without_any_term_is_returned_unchanged(linker):
    source = "<p>Nothing to see here.</p>"
    assert linker.link(source) == LinkResult(source, ())


def test_entry_without_definition_links_without_definition_span():
    result = Linker([entry("gaba", "GABA", definition="  ")]).link("<p>GABA</p>")
    assert result.html == ('<p><span class="gloss"><a class="gloss-term" href="/glossary/gaba/">'
                           "GABA</a></span></p>")


def test_definition_whitespace_is_collapsed():
    result = Linker([entry("gaba", "GABA", definition="A\n  messenger.\t")]).link("<p>GABA</p>")
    assert ">A messenger.</span>" in result.html


# Words, case, plurals, possessives


def test_matching_ignores_case_and_keeps_original_casing(linker):
    assert linked(linker.link("<p>TOLERANCE grows.</p>").html) == ["TOLERANCE"]


@pytest.mark.parametrize("text", [
    "intolerance", "tolerances_x", "GABAergic", "alcoholic", "benzos2", "preGABA", "x_rash",
])
def test_terms_inside_longer_words_are_not_linked(linker, text):
    assert linker.link(f"<p>{text}</p>").slugs == ()


@pytest.mark.parametrize(("text", "slug"), [
    ("benzodiazepines", "benzodiazepine"),
    ("rashes", "rash"),
    ("therapies", "therapy"),
    ("GABA's", "gaba"),
    ("GABA’s", "gaba"),
    ("GABA&#39;s", "gaba"),
    ("Klonopin’s", "clonazepam"),
])
def test_plurals_and_possessives_link_the_whole_word(linker, text, slug):
    result = linker.link(f"<p>Some {text} here.</p>")
    assert result.slugs == (slug,)
    assert linked(result.html) == [text]


def test_punctuation_and_hyphens_end_a_word(linker):
    result = linker.link("<p>benzodiazepine-induced (GABA) &quot;rash&quot;, tolerance.</p>")
    assert linked(result.html) == ["benzodiazepine", "GABA", "rash", "tolerance"]


def test_apostrophe_in_a_phrase_matches_straight_or_curly(linker):
    assert linked(linker.link("<p>St John’s wort</p>").html) == ["St John’s wort"]


def test_phrase_whitespace_matches_any_whitespace_run(linker):
    result = linker.link("<p>physical\n   dependence</p>")
    assert linked(result.html) == ["physical\n   dependence"]


# Longest match, first occurrence


def test_longest_phrase_wins(linker):
    result = linker.link("<p>Physical dependence is not addiction.</p>")
    assert result.slugs == ("physical-dependence",)


def test_overlapping_candidates_resolve_leftmost_longest(linker):
    result = linker.link("<p>physical dependence syndrome</p>")
    assert linked(result.html) == ["physical dependence"]


def test_shorter_term_is_found_when_longer_one_does_not_complete(linker):
    result = linker.link("<p>physical and dependence syndromes</p>")
    assert linked(result.html) == ["dependence syndromes"]


def test_only_first_occurrence_of_each_entry_is_linked(linker):
    result = linker.link("<p>tolerance</p><p>Tolerance again, tolerance.</p>")
    assert linked(result.html) == ["tolerance"]
    assert result.html.endswith("<p>Tolerance again, tolerance.</p>")


def test_aliases_count_as_the_same_entry(linker):
    result = linker.link("<p>Klonopin, also sold as Rivotril, is clonazepam.</p>")
    assert linked(result.html) == ["Klonopin"]
    assert result.slugs == ("clonazepam",)


def test_slugs_are_in_order_of_first_appearance(linker):
    result = linker.link("<ul><li>rash</li><li>GABA and rash</li></ul><p>tolerance, GABA</p>")
    assert result.slugs == ("rash", "gaba", "tolerance")


def test_mention_of_linked_longer_term_does_not_link_shorter_term_inside(linker):
    """A second "alcohol use disorder" is that term again, not a first "alcohol"."""
    result = linker.link("<p>alcohol use disorder</p><p>alcohol use disorder, then alcohol</p>")
    assert result.slugs == ("alcohol-use-disorder", "alcohol")
    assert linked(result.html) == ["alcohol use disorder", "alcohol"]


def test_alias_shared_by_two_entries_belongs_to_the_first():
    linker = Linker([entry("first", "benzo"), entry("second", "benzo", "benzodiazepine")])
    assert linker.link("<p>benzo</p>").slugs == ("first",)
    assert linker.link("<p>benzodiazepine</p>").slugs == ("second",)


# Exclusions


def test_excluded_slug_is_not_linked(linker):
    result = linker.link("<p>tolerance and GABA</p>", exclude={"tolerance"})
    assert result.slugs == ("gaba",)


def test_excluded_longer_term_still_shadows_shorter_terms_inside_it(linker):
    result = linker.link("<p>physical dependence</p>", exclude=["physical-dependence"])
    assert result == LinkResult("<p>physical dependence</p>", ())


def test_unknown_excluded_slugs_are_ignored(linker):
    assert linker.link("<p>GABA</p>", exclude=("no-such-term",)).slugs == ("gaba",)


# Where links are never made


@pytest.mark.parametrize("tag", [
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "button", "summary",
])
def test_no_links_inside_excluded_elements(linker, tag):
    result = linker.link(f"<{tag}>GABA</{tag}><p>GABA</p>")
    assert result.html.startswith(f"<{tag}>GABA</{tag}><p><span class=\"gloss\">")


@pytest.mark.parametrize("tag", ["script", "style"])
def test_raw_text_elements_are_skipped_whole(linker, tag):
    source = f"<{tag}>if (a<b) {{ GABA </p> tolerance }}</{tag}><p>GABA</p>"
    result = linker.link(source)
    assert result.slugs == ("gaba",)
    assert result.html.startswith(f"<{tag}>if (a<b) {{ GABA </p> tolerance }}</{tag}><p><span")


def test_nested_markup_inside_excluded_element_is_skipped(linker):
    result = linker.link('<h2 id="sec-x">About <em>GABA</em></h2><p><em>GABA</em></p>')
    assert result.html.startswith('<h2 id="sec-x">About <em>GABA</em></h2><p><em><span')


def test_linking_own_output_again_changes_nothing(linker):
    once = linker.link("<p>tolerance and GABA</p>").html
    assert linker.link(once) == LinkResult(once, ())


def test_definition_text_of_earlier_output_is_not_linked():
    linker = Linker([entry("tolerance", "tolerance", definition="Needing more GABA."),
                     entry("gaba", "GABA")])
    once = linker.link("<p>tolerance</p>").html
    assert linker.link(once).slugs == ()


def test_text_across_tag_boundaries_is_not_matched(linker):
    result = linker.link("<p><em>physical</em> dependence</p>")
    assert linked(result.html) == ["dependence"]


def test_word_continued_across_inline_tag_is_not_a_match(linker):
    """ "<em>in</em>dependence" reads as "independence"."""
    assert linker.link("<p><em>in</em>dependence or tolerance<b>s</b></p>").slugs == ()


def test_block_tags_separate_words(linker):
    result = linker.link("<p>the</p><p>dependence</p><ul><li>x</li></ul>rash")
    assert result.slugs == ("dependence", "rash")


def test_void_and_self_closing_tags_do_not_open_elements(linker):
    result = linker.link('<p>a<br>b<br/>c<img src="x.png" alt="GABA"/> GABA</p>')
    assert linked(result.html) == ["GABA"]
    assert result.html.startswith('<p>a<br>b<br/>c<img src="x.png" alt="GABA"/> <span')


def test_quoted_attribute_containing_angle_bracket_does_not_derail(linker):
    result = linker.link('<p><abbr title="a > tolerance">GABA</abbr> tolerance</p>')
    assert result.slugs == ("gaba", "tolerance")
    assert result.html.startswith('<p><abbr title="a > tolerance"><span class="gloss">')


def test_comments_are_not_linked(linker):
    result = linker.link("<!-- GABA --><p>GABA</p>")
    assert result.html.startswith("<!-- GABA --><p><span")


def test_markdown_article_links_only_in_running_text(linker):
    source = render(
        "## Tolerance and GABA\n\n"
        "See [tolerance](https://example.org/t) and `GABA`.\n\n"
        "```\nrash\n```\n\n"
        "- A **rash** may appear; *tolerance* grows.\n"
        "- GABA & R&D < 5\n"
    )
    result = linker.link(source)
    assert result.slugs == ("rash", "tolerance", "gaba", "r-and-d")
    assert linked(result.html) == ["rash", "tolerance", "GABA", "R&amp;D"]
    assert unlinked(result.html) == source


# Unicode and entities


def test_accented_terms_match_with_original_casing():
    linker = Linker([entry("meniere", "Ménière's disease"), entry("cafe", "café")])
    result = linker.link("<p>MÉNIÈRE’S DISEASE and CAFÉ</p>")
    assert linked(result.html) == ["MÉNIÈRE’S DISEASE", "CAFÉ"]


def test_accented_letters_are_word_characters():
    linker = Linker([entry("pendance", "pendance"), entry("caf", "caf")])
    assert linker.link("<p>dépendance café</p>").slugs == ()


def test_non_latin_letters_are_word_characters():
    linker = Linker([entry("zavisimost", "зависимость"), entry("mimi", "μίμη")])
    result = linker.link("<p>независимость, зависимость, αμίμη</p>")
    assert linked(result.html) == ["зависимость"]


def test_case_folding_handles_final_sigma_and_dotted_capital_i():
    linker = Linker([entry("anxiety", "άγχος"), entry("medicine", "ilaç")])
    result = linker.link("<p>ΆΓΧΟΣ and İLAÇ</p>")
    assert linked(result.html) == ["ΆΓΧΟΣ", "İLAÇ"]


def test_combining_marks_are_part_of_the_word():
    linker = Linker([entry("cafe", "cafe"), entry("hindi", "हिन")])
    # "cafe" + COMBINING ACUTE ACCENT is "café"; "हिन" + VIRAMA + "दी" is "हिन्दी".
    assert linker.link("<p>cafe\u0301 हिन्दी</p>").slugs == ()


def test_supplementary_plane_marks_before_a_term_glue_it_to_the_word():
    linker = Linker([entry("ka", "ka")])
    # U+11001 BRAHMI SIGN ANUSVARA is a combining mark outside the BMP.
    assert linker.link("<p>x\U00011001ka</p>").slugs == ()
    assert linker.link("<p>x\U00011001 ka</p>").slugs == ("ka",)


@pytest.mark.parametrize("space", ["\u00a0", "&nbsp;", "&#160;", "&#xA0;"])
def test_non_breaking_space_counts_as_whitespace_and_is_kept(linker, space):
    result = linker.link(f"<p>physical{space}dependence</p>")
    assert linked(result.html) == [f"physical{space}dependence"]


@pytest.mark.parametrize("text", ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"])
def test_entities_are_neither_broken_nor_matched_into(text):
    linker = Linker([entry("amp", "amp"), entry("lt", "lt"), entry("gt", "gt"),
                     entry("quot", "quot"), entry("n39", "39")])
    source = f"<p>{text}a {text} b{text}</p>"
    assert linker.link(source) == LinkResult(source, ())


def test_entity_decoding_to_a_letter_is_part_of_the_word():
    linker = Linker([entry("cafe", "café"), entry("caf", "caf")])
    result = linker.link("<p>caf&eacute; and caf&#233;s</p>")
    assert linked(result.html) == ["caf&eacute;"]


def test_phrase_containing_ampersand_matches_escaped_text(linker):
    result = linker.link("<p>R&amp;D &amp; GABA</p>")
    assert linked(result.html) == ["R&amp;D", "GABA"]


# Hostile entries


HOSTILE_DEFINITIONS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</span></span><a href=javascript:alert(1)>x</a>",
    "&lt;already escaped&gt; &amp;",
]


@pytest.mark.parametrize("definition", HOSTILE_DEFINITIONS)
def test_hostile_definition_is_escaped_text(definition):
    result = Linker([entry("gaba", "GABA", definition=definition)]).link("<p>GABA</p>")
    tags = Elements(result.html).tags
    assert [name for name, _ in tags] == ["p", "span", "a", "span"]
    assert f">{html.escape(definition)}</span>" in result.html


def test_hostile_slug_is_escaped_in_attributes():
    slug = 'x" onmouseover="alert(1)'
    result = Linker([entry(slug, "GABA", url="/glossary/x/")]).link("<p>GABA</p>")
    tags = Elements(result.html).tags
    assert tags[2] == ("a", {"class": "gloss-term", "href": "/glossary/x/",
                             "aria-describedby": f"gloss-def-{slug}"})
    assert tags[3] == ("span", {"class": "gloss-def", "id": f"gloss-def-{slug}",
                                "role": "tooltip"})


def test_url_with_quotes_and_brackets_is_escaped():
    url = '/glossary/x/?a="b"&c=<d>'
    result = Linker([entry("x", "GABA", url=url)]).link("<p>GABA</p>")
    assert Elements(result.html).tags[2][1]["href"] == url
    assert 'href="/glossary/x/?a=&quot;b&quot;&amp;c=&lt;d&gt;"' in result.html


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:x", "",
])
def test_entry_with_unsafe_url_is_not_linked(url, caplog):
    result = Linker([entry("x", "GABA", url=url)]).link("<p>GABA</p>")
    assert result == LinkResult("<p>GABA</p>", ())
    assert "unsafe url" in caplog.text


@pytest.mark.parametrize("url", ["/glossary/x/", "https://example.org/x", "HTTP://example.org"])
def test_entry_with_relative_or_web_url_is_linked(url):
    assert Linker([entry("x", "GABA", url=url)]).link("<p>GABA</p>").slugs == ("x",)


def test_phrase_with_markup_matches_only_its_escaped_text():
    linker = Linker([entry("x", "<b>GABA</b>")])
    assert linker.link("<p><b>GABA</b></p>").slugs == ()
    assert linked(linker.link("<p>&lt;b&gt;GABA&lt;/b&gt;</p>").html) == [
        "&lt;b&gt;GABA&lt;/b&gt;"
    ]


@pytest.mark.parametrize("phrases", [(), ("",), ("   ",), ("\u00a0\n",)])
def test_empty_or_whitespace_phrases_are_ignored(phrases):
    linker = Linker([entry("x", *phrases)])
    assert linker.link("<p>some text here</p>").slugs == ()
    assert linker.find_slugs("some text here") == set()


def test_very_long_phrase_is_matched_like_any_other():
    linker = Linker([entry("long", "word " * 1000), entry("gaba", "GABA")])
    assert linker.link("<p>" + "word " * 1000 + "GABA</p>").slugs == ("long", "gaba")


def test_empty_glossary_links_nothing():
    assert Linker([]).link("<p>GABA</p>") == LinkResult("<p>GABA</p>", ())


def test_regex_metacharacters_in_phrases_are_literal():
    linker = Linker([entry("a", "C++"), entry("b", "a.b"), entry("c", "(x)|y*")])
    assert linker.link("<p>axb (x)|y* C++</p>").slugs == ("c", "a")


# find_slugs


def test_find_slugs_reports_every_entry_mentioned(linker):
    text = "Clonazepam is a benzo; tolerance to GABA-ergic effects, tolerance again."
    assert linker.find_slugs(text) == {"clonazepam", "benzodiazepine", "tolerance", "gaba"}


def test_find_slugs_follows_longest_match_and_word_rules(linker):
    assert linker.find_slugs("physical dependence, intolerance") == {"physical-dependence"}


# One pass for any number of terms


def test_many_terms_are_matched_by_one_pattern():
    entries = [entry(f"term-{n}", f"term{n} word{n}") for n in range(3000)]
    linker = Linker(entries)
    result = linker.link("<p>" + " ".join(f"term{n} word{n}" for n in range(0, 3000, 7)) + "</p>")
    assert result.slugs == tuple(f"term-{n}" for n in range(0, 3000, 7))


def test_linker_survives_pickling_for_the_cache(linker):
    source = "<p>Klonopin and physical dependence</p>"
    restored = pickle.loads(pickle.dumps(linker))  # noqa: S301 - our own bytes, as a cache stores
    assert restored.link(source) == linker.link(source)


# Properties over arbitrary text

WORDS = ["GABA", "gaba’s", "tolerance", "physical", "dependence", "rash", "rashes", "in", "é",
         "&", "<", ">", "\"", "'", " ", "\u00a0", "\n", ",", "Klonopin", "R&D", "-", "x"]


@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from(["p", "li", "em", "h2"]))
def test_removing_links_gives_back_the_input(parts, tag):
    linker = Linker(TERMS)
    source = f"<{tag}>{html.escape(''.join(parts), quote=False)}</{tag}>"
    result = linker.link(source)
    assert unlinked(result.html) == source
    assert len(linked(result.html)) == len(result.slugs) == len(set(result.slugs))
    if tag == "h2":
        assert result.slugs == ()


def test_words_lists_each_linked_term_once_with_its_definition(linker):
    result = linker.link("<p>About tolerance and tolerance again.</p>")
    assert linker.words([*result.slugs, *result.slugs, "unknown"]) == [
        ("tolerance", "A short definition.", "/glossary/tolerance/")]


def test_linking_leaves_the_plain_text_of_a_page_as_it_was(linker):
    """Search, readability and the editor's checks read core.text.plain_text: the popover
    definitions the linker adds are not words of the page."""
    source = render("Physical dependence and Klonopin's label.\n\n- therapies\n- a rash\n")
    result = linker.link(source)
    assert len(result.slugs) == 4
    assert plain_text(result.html) == plain_text(source) == (
        "Physical dependence and Klonopin's label.\ntherapies\na rash")
