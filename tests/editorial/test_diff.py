"""The side-by-side diff of two revisions."""

from editorial.diff import diff_fields, diff_lines


def test_changed_lines_are_paired_and_escaped():
    rows = diff_lines(["same", "old <b>"], ["same", "new <b>"])
    assert [(r.kind, r.left, r.right) for r in rows] == [
        ("equal", "same", "same"), ("replace", "old &lt;b&gt;", "new &lt;b&gt;")]


def test_long_unchanged_stretches_are_folded_around_the_change():
    left = [f"line {n}" for n in range(40)]
    right = [*left[:20], "inserted", *left[20:]]
    rows = diff_lines(left, right)
    kinds = [r.kind for r in rows]
    assert kinds.count("skip") == 2
    assert "insert" in kinds
    assert len(rows) < 12


def test_structured_fields_compare_as_readable_json():
    (diff,) = diff_fields({"key_points": ["One."]}, {"key_points": ["One.", "Two."]},
                          ["key_points"])
    assert diff.changed
    assert any("&quot;Two.&quot;" in row.right for row in diff.rows)
