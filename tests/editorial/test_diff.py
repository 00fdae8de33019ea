"""The side-by-side diff of two revisions."""

from editorial.diff import diff_fields, diff_html, diff_lines, diff_words


def test_changed_lines_are_paired_and_escaped():
    rows = diff_lines(["same", "old <b>"], ["same", "new <b>"])
    assert [(r.kind, r.left, r.right) for r in rows] == [
        ("equal", "same", "same"),
        ("replace", "<del>old</del> &lt;b&gt;", "<ins>new</ins> &lt;b&gt;")]


def test_a_one_word_change_marks_that_word_not_the_line():
    """http -> https in a long line: only the scheme is marked."""
    old, new = diff_words("See the FDA page at http://www.fda.gov/drugs for details.",
                          "See the FDA page at https://www.fda.gov/drugs for details.")
    assert old == "See the FDA page at <del>http</del>://www.fda.gov/drugs for details."
    assert new == "See the FDA page at <ins>https</ins>://www.fda.gov/drugs for details."


def test_marked_words_are_escaped():
    old, new = diff_words("plain", "<script>alert(1)</script>")
    assert "<script>" not in new and "&lt;script&gt;" in new
    assert new.startswith("<ins>") and old == "<del>plain</del>"


def test_added_and_removed_lines_are_marked_whole():
    rows = diff_lines(["kept", "gone"], ["kept"])
    assert rows[-1].kind == "delete" and rows[-1].left == "<del>gone</del>"
    rows = diff_lines(["kept"], ["kept", "new"])
    assert rows[-1].kind == "insert" and rows[-1].right == "<ins>new</ins>"


def test_rendered_comparison_marks_words_on_the_new_page():
    old = "<h2>Dose</h2><p>Talk to your doctor first.</p><ul><li>One</li><li>Two</li></ul>"
    new = "<h2>Dose</h2><p>Talk to your prescriber first.</p><ul><li>One</li></ul>"
    result = diff_html(old, new)
    assert "<h2>Dose</h2>" in result
    assert "<del>doctor</del><ins>prescriber</ins>" in result
    assert "<del>Two</del>" in result
    assert "&lt;" not in result  # tags are the page's, not shown as source


def test_rendered_comparison_never_carries_markup_from_the_old_side():
    result = diff_html('<p>Old &lt;b&gt; <a href="https://x.org/">link</a></p>', "<p>New</p>")
    assert "<a " not in result and "<b>" not in result
    assert "&lt;b&gt;" in result and "<ins>New</ins>" in result


def test_long_unchanged_stretches_are_folded_around_the_change():
    left = [f"line {n}" for n in range(40)]
    right = [*left[:20], "inserted", *left[20:]]
    rows = diff_lines(left, right)
    kinds = [r.kind for r in rows]
    assert kinds.count("skip") == 2
    assert "insert" in kinds
    assert len(rows) < 12


def test_structured_fields_compare_as_readable_text_labelled_as_on_the_form():
    (diff,) = diff_fields({"key_points": ["One."]}, {"key_points": ["One.", "Two."]},
                          ["key_points"], {"key_points": "Key points"})
    assert diff.changed and diff.label == "Key points"
    assert [row.right for row in diff.rows] == ["One.", "<ins>Two.</ins>"]


def test_a_reference_compares_as_one_readable_line():
    ref = {"title": "Drug class", "publisher": "FDA", "year": 2020, "url": "http://fda.gov/"}
    (diff,) = diff_fields({"references": [ref]},
                          {"references": [{**ref, "url": "https://fda.gov/"}]}, ["references"])
    (row,) = diff.rows
    assert row.left == "Drug class · FDA · 2020 · <del>http</del>://fda.gov/"
    assert row.right == "Drug class · FDA · 2020 · <ins>https</ins>://fda.gov/"


def test_an_attribute_holding_a_bracket_stays_one_tag():
    new = '<p><a href="https://x.org/" title="a > b">link</a> new words</p>'
    result = diff_html('<p><a href="https://x.org/" title="a > b">link</a></p>', new)
    assert result == ('<p><a href="https://x.org/" title="a > b">link</a>'
                      "<ins> new words</ins></p>")
