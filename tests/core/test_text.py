"""core.text: the one plain-text function and the one glossary phrase matcher. No database."""

from __future__ import annotations

import time
import unicodedata

import pytest

from core.markdown import render_markdown
from core.readability import prose, strip_glossary_terms
from core.text import PhraseMatcher, normalise_phrase, plain_text

# --- plain_text ---------------------------------------------------------------------------


def test_empty_input_is_empty_text():
    assert plain_text("") == ""
    assert plain_text("<p></p>\n<div> </div>") == ""


def test_each_block_is_one_line_and_inline_tags_join_words():
    html = "<h2>What it is</h2><p>Physical <em>in</em>dependence <strong>is</strong> rare.</p>"
    assert plain_text(html) == "What it is\nPhysical independence is rare."


def test_list_items_and_table_cells_are_lines_even_with_no_whitespace_between_them():
    assert plain_text("<ul><li>one</li><li>two</li></ul>") == "one\ntwo"
    assert plain_text("<table><tr><th>Name</th><td>Valium</td></tr></table>") == "Name\nValium"


def test_whitespace_inside_a_block_is_one_space():
    assert plain_text("<p>  physical\n   dependence\t is  </p>") == "physical dependence is"


def test_a_line_break_ends_a_line():
    assert plain_text("<p>first<br>second</p>") == "first\nsecond"


def test_entities_are_decoded_once():
    html = "<p>R&amp;D &lt;b&gt;bold&lt;/b&gt; caf&eacute; don&#x27;t &amp;amp; a&nbsp;b</p>"
    assert plain_text(html) == "R&D <b>bold</b> café don't &amp; a b"


def test_text_with_no_tags_is_decoded_and_collapsed():
    assert plain_text("Fish &amp; chips\n  today") == "Fish & chips today"


def test_nested_tags_keep_their_words_in_order():
    html = "<div><blockquote><p>Ask <a href='/x'><em>your <strong>prescriber</strong></em></a>"
    html += " first.</p></blockquote></div>"
    assert plain_text(html) == "Ask your prescriber first."


def test_scripts_styles_comments_and_raw_text_are_not_words():
    html = ("<p>before</p><script>var a = '<p>no</p>';</script><style>p{}</style>"
            "<!-- a <p>comment</p> --><template><p>hidden</p></template><p>after</p>")
    assert plain_text(html) == "before\nafter"


def test_preformatted_text_keeps_its_lines():
    assert plain_text("<pre><code>line one\n  line two\n</code></pre>") == "line one\nline two"


def test_images_are_not_text_but_end_the_word_before_them():
    assert plain_text('<p>a<img src="/media/x.png" alt="A chart">b</p>') == "a b"


def test_glossary_popover_definitions_are_not_part_of_the_text():
    """A reader sees the term; its definition is a tooltip, not a sentence of the page."""
    html = ('<p>Stopping a <span class="gloss"><a class="gloss-term" href="/glossary/benzo/" '
            'aria-describedby="gloss-def-benzo">benzo</a><span class="gloss-def" '
            'id="gloss-def-benzo" role="tooltip">A calming <b>medicine</b>.</span></span>'
            ' suddenly is risky.</p>')
    assert plain_text(html) == "Stopping a benzo suddenly is risky."


def test_citation_markers_and_footnote_links_are_not_words():
    html = ('<p>Taper slowly<sup class="citation" id="cite-asam"><a href="#source-asam" '
            'aria-label="Source 1">[1]</a></sup>.</p>'
            '<p>See this<sup id="fnref-1"><a class="footnote-ref" href="#fn-1">1</a></sup>.</p>'
            '<div class="footnote"><hr><ol><li id="fn-1"><p>A note.&#160;<a '
            'class="footnote-backref" href="#fnref-1" title="Jump back">&#8617;</a></p>'
            "</li></ol></div>")
    assert plain_text(html) == "Taper slowly.\nSee this.\nA note."


def test_accents_and_cjk_come_through_unchanged():
    assert plain_text("<p>café naïve Ærø</p><p>日本語の<em>テキスト</em>。</p>") == (
        "café naïve Ærø\n日本語のテキスト。")


def test_the_pipelines_markdown_reads_as_its_blocks():
    html = render_markdown("## Heading\n\nA *short* paragraph\nwrapped in the source.\n\n"
                           "- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n")
    assert plain_text(html) == (
        "Heading\nA short paragraph wrapped in the source.\none\ntwo\na\nb\nc\nd")


def test_broken_markup_does_not_lose_the_text_after_it():
    assert plain_text("<p>open <b>bold <p>next") == "open bold\nnext"
    assert plain_text("<p>a</p></div></span><p>b</p>") == "a\nb"
    assert plain_text("<p>a <!-- unclosed comment") == "a"


def test_very_long_and_deeply_nested_input_is_quick():
    long_html = "<p>" + "word <em>and</em> word. " * 100_000 + "</p>"
    nested = "<div>" * 20_000 + "deep" + "</div>" * 20_000
    started = time.perf_counter()
    text = plain_text(long_html)
    assert plain_text(nested) == "deep"
    assert time.perf_counter() - started < 5
    assert len(text.split()) == 300_000


# --- normalise_phrase ---------------------------------------------------------------------


def test_phrases_are_normalised_for_case_whitespace_and_apostrophes():
    assert normalise_phrase("  St John’s\n Wort ") == "st john's wort"
    assert normalise_phrase("GABA") == normalise_phrase("gaba")
    assert normalise_phrase("   ") == ""


def test_composed_and_decomposed_accents_are_one_phrase():
    assert normalise_phrase("Cafe\u0301") == normalise_phrase("café") == "café"


def test_hyphens_are_kept():
    assert normalise_phrase("Long-term") == "long-term" != normalise_phrase("long term")


def test_folding_is_one_character_for_one():
    """So match offsets in folded text are offsets in the reader's text."""
    assert normalise_phrase("İSTANBUL ΟΔΟΣ Straße") == "istanbul οδοσ straße"


# --- PhraseMatcher ------------------------------------------------------------------------


def mentions(matcher: PhraseMatcher, text: str) -> list[tuple[str, object]]:
    return [(text[start:end], value) for start, end, value in matcher.find(text)]


GLOSSARY = PhraseMatcher([
    ("physical dependence", "physical-dependence"),
    ("dependence", "dependence"),
    ("therapy", "therapy"),
    ("rash", "rash"),
    ("St John's wort", "st-johns-wort"),
    ("long-term", "long-term"),
    ("café", "cafe"),
    ("Klonopin", "clonazepam"),
    ("日本", "japan"),
])


def test_phrases_match_whole_words_only():
    assert mentions(GLOSSARY, "A rash. Crash, rashly, rash_") == [("rash", "rash")]


def test_plurals_and_possessives_match():
    text = "Therapies, dependences, Klonopin's label and Klonopin’s rash"
    assert mentions(GLOSSARY, text) == [
        ("Therapies", "therapy"), ("dependences", "dependence"), ("Klonopin's", "clonazepam"),
        ("Klonopin’s", "clonazepam"), ("rash", "rash")]


def test_the_longest_phrase_at_a_place_wins_and_matches_do_not_overlap():
    assert mentions(GLOSSARY, "Physical dependence, then dependence.") == [
        ("Physical dependence", "physical-dependence"), ("dependence", "dependence")]


def test_whitespace_and_case_in_the_text_do_not_matter():
    assert mentions(GLOSSARY, "PHYSICAL\n   Dependence") == [
        ("PHYSICAL\n   Dependence", "physical-dependence")]


def test_curly_and_straight_apostrophes_match_each_other():
    assert mentions(GLOSSARY, "St John’s wort") == [("St John’s wort", "st-johns-wort")]


def test_hyphenated_phrases_match_as_written_and_hyphens_end_words():
    assert mentions(GLOSSARY, "long-term use, long term use") == [("long-term", "long-term")]
    assert mentions(GLOSSARY, "rash-like") == [("rash", "rash")]


def test_accents_match_however_they_are_encoded_with_offsets_in_the_original():
    decomposed = "Le cafe\u0301s du coin"
    assert not unicodedata.is_normalized("NFC", decomposed)
    assert mentions(GLOSSARY, decomposed) == [("cafe\u0301s", "cafe")]


def test_an_accent_is_part_of_the_word():
    """'cafe' is not a mention inside 'café', however the accent is written."""
    matcher = PhraseMatcher([("cafe", 1)])
    assert matcher.find("café") == [] and matcher.find("cafe\u0301") == []


def test_cjk_phrases_match_only_when_set_apart():
    """Whole words: with no spaces between CJK words, a phrase inside a run is not matched."""
    assert mentions(GLOSSARY, "「日本」と日本語") == [("日本", "japan")]


def test_text_running_on_outside_the_string_is_respected():
    assert mentions(GLOSSARY, "rash") == [("rash", "rash")]
    assert GLOSSARY.find("rash", word_before=True) == []
    assert GLOSSARY.find("rash", word_after=True) == []


def test_a_phrase_listed_twice_keeps_its_first_value():
    matcher = PhraseMatcher([("Benzo", "first"), ("benzo", "second"), ("  ", "blank")])
    assert mentions(matcher, "a benzo") == [("benzo", "first")]
    assert matcher.values == ("first",)


def test_an_empty_matcher_finds_nothing():
    matcher = PhraseMatcher([])
    assert not matcher and matcher.find("anything") == [] and matcher.values == ()
    assert GLOSSARY.find("") == []


def test_mentioned_lists_the_values_found_in_order():
    assert GLOSSARY.mentioned("Rashes, then physical  dependence, then a rash.") == [
        "rash", "physical-dependence", "rash"]


def test_replace_puts_a_word_in_place_of_each_mention():
    assert GLOSSARY.replace("Rashes and therapies.", "term") == "term and term."


def test_matching_a_very_long_text_is_linear():
    text = "Some words about rash and other things. " * 50_000
    started = time.perf_counter()
    found = GLOSSARY.find(text)
    assert len(found) == 50_000
    assert time.perf_counter() - started < 5


# --- where the old implementations disagreed: now one behaviour ---------------------------


@pytest.mark.parametrize("text, expected", [
    ("Talk therapies help.", "Talk term help."),  # readability's regex missed "-ies"
    ("Physical dependence is common.", "term is common."),
    ("A rash’s edge.", "A term edge."),
])
def test_readability_sets_glossary_terms_aside_as_the_linker_finds_them(text, expected):
    phrases = ["therapy", "physical dependence", "dependence", "rash"]
    assert strip_glossary_terms(text, phrases) == expected


def test_readability_reads_the_same_words_as_everyone_else():
    """Prose is plain_text of the rendered markdown, a full stop after each block."""
    markdown = "## Why\n\nIt helps[^asam] a lot\n\n- a list item\n- see https://example.org\n"
    assert prose(markdown) == "Why.\nIt helps a lot.\na list item.\nsee."
