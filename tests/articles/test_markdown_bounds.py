"""Finding 2: markdown rendering does bounded work for any input up to the size limit.

No timed tests (times are measured by ``benchmarks/render.py --adversarial``): the tests
check by structure that the link parser never rescans a block from every "[", that text
too long or too dense is refused with a reason, and that random and adversarial markdown
up to the limit renders without an exception.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import markdown as pipeline
from core.markdown import render_document, render_markdown
from core.markdown_limits import (
    BODY_MAX_CHARS,
    MAX_MARKUP_PER_BLOCK,
    MAX_NESTING,
    MAX_TAGS,
    MarkdownTooComplex,
    check_complexity,
    uses_bounded_links,
)


class CountingStr(str):
    """A str that counts how often the link parser indexes into it character by character."""


def test_the_pipeline_uses_the_bounded_link_parser():
    assert uses_bounded_links(pipeline._markdown())


def test_unclosed_brackets_are_matched_in_one_pass_not_one_scan_per_bracket(monkeypatch):
    # The library's getText walks from every "[" to the end of the block: n²/2 steps for
    # "[" * n. Count the characters the bounded parser looks at one by one instead.
    from core import markdown_limits

    looked_at = []
    original = markdown_limits._BracketIndex.closing

    def counting(self, data, index):
        looked_at.append(index)
        return original(self, data, index)

    monkeypatch.setattr(markdown_limits._BracketIndex, "closing", counting)
    n = MAX_MARKUP_PER_BLOCK
    html = render_markdown("[" * n)
    assert html == "<p>" + "[" * n + "</p>"
    # Each "[" is looked up once, never walked: no Python-level scan per bracket.
    assert len(looked_at) <= n


@pytest.mark.parametrize("text", [
    "[a](https://example.org) and [b][ref] and ![alt](/media/editor/x.png)\n\n[ref]: https://example.org",
    "[outer [inner] text](https://example.org)",
    "[[a]](https://example.org)",
    "[a](https://example.org/path_(with)_parens)",
    'A [link](https://example.org "a title") here.',
    "Note[^1].\n\n[^1]: The footnote.",
])
def test_links_render_as_the_library_renders_them(text):
    import markdown

    expected = markdown.markdown(text, extensions=["footnotes"])
    got = render_markdown(text)
    for fragment in ("<a href=", "<img", "footnote"):
        assert (fragment in expected) == (fragment in got), (text, expected, got)


@pytest.mark.parametrize("text, reason", [
    ("a" * (BODY_MAX_CHARS + 1), "limit"),
    ("[" * (MAX_MARKUP_PER_BLOCK + 1), "“[”"),
    ("*a" * (MAX_MARKUP_PER_BLOCK + 1), "“*”"),
    ("<a " * (MAX_TAGS + 1), "unclosed HTML tags"),
    ("> " * (MAX_NESTING + 1) + "deep", "nested"),
    ("1. " * (MAX_NESTING + 1) + "deep", "nested"),
])
def test_text_too_long_or_dense_is_refused_with_a_reason(text, reason):
    with pytest.raises(MarkdownTooComplex, match=re.escape(reason)):
        check_complexity(text)
    # Rendering what got past the validators anyway is plain, escaped paragraphs.
    html = render_markdown(text)
    assert html.startswith("<p>") and "<a " not in html and "<blockquote" not in html


def test_the_same_density_split_into_paragraphs_is_fine():
    text = ("[" * MAX_MARKUP_PER_BLOCK + "\n\n") * 5
    check_complexity(text)
    assert render_markdown(text).count("<p>") == 5


MARKUP = st.sampled_from(["[", "]", "(", ")", "![", "[^", "*", "**", "_", "`", "<", ">", "&",
                          "#", "-", "1.", "|", "!!! ", "\n", "\n\n", "    ", " ", "a", "b c",
                          "https://x.org", "<a ", "<b>", "</b>", '"', "'", ":", "\\"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKUP, max_size=400))
def test_random_markdown_renders_or_is_refused_never_crashes(pieces):
    text = "".join(pieces)
    document = render_document(text)
    assert isinstance(document.html, str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKUP, min_size=1, max_size=60), st.integers(min_value=1, max_value=5000))
def test_random_markdown_repeated_up_to_the_size_limit_renders_or_is_refused(pieces, times):
    text = ("".join(pieces) * times)[:BODY_MAX_CHARS]
    assert isinstance(render_document(text).html, str)


ADVERSARIAL = [
    "[" * 100_000, "![" * 50_000, "[a](" * 25_000, "[^" * 50_000, "[a](b) " * 7_000,
    "<a " * 16_000, "> " * 25_000, "1. " * 16_000, "*a" * 25_000, "`" * 50_000,
    ("[" * MAX_MARKUP_PER_BLOCK + "\n\n") * 200, ("[a](b) " * 100 + "\n\n") * 70,
    ("[[a]](b)" * 50 + "\n\n") * 120, "\n".join("    " * i + "- a" for i in range(100)),
    "[" * 50 + "a" + "]" * 50 + "(x)",
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[t[:12] for t in ADVERSARIAL])
def test_adversarial_markdown_up_to_the_limit_renders_or_is_refused(text):
    text = text[:BODY_MAX_CHARS]
    assert isinstance(render_markdown(text), str)


def test_bounded_link_processors_keep_the_library_order():
    """The replaced processors run at the priorities the library gives its own."""
    import markdown

    from core.markdown_limits import _REPLACED, BoundedLinksExtension

    plain = markdown.Markdown(extensions=["footnotes"])
    bounded = markdown.Markdown(extensions=["footnotes", BoundedLinksExtension()])
    order = [name for name in _REPLACED if name in plain.inlinePatterns]
    assert order and all(name in bounded.inlinePatterns for name in order)
    # Same processors in the same order, the bounded ones standing where the library's were.
    pairs = list(zip(plain.inlinePatterns, bounded.inlinePatterns, strict=True))
    assert all(isinstance(new, type(old)) for old, new in pairs)
    assert [plain.inlinePatterns.get_index_for_name(n) for n in order] == [
        bounded.inlinePatterns.get_index_for_name(n) for n in order]
