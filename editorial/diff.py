"""Differences between two revisions, for people: word by word, and on the rendered page.

Two views of a change:

- ``diff_fields``: each field side by side, line by line, with the changed *words* inside a
  changed line marked (``<del>`` on the left, ``<ins>`` on the right), so "http" becoming
  "https" lights up one word, not the line. Lists (key points, references) compare one item
  per line, as readable text rather than JSON.
- ``diff_html``: the rendered page itself with deleted words struck through and inserted words
  underlined, for reading the change as text. Its structure is the new revision's sanitized
  HTML; the old revision contributes only escaped words, so the result is as safe as its input.

Python's difflib on word tokens does the matching (a maintained library for this, such as
diff-match-patch, diffs characters, which marks half-words; difflib on words marks whole ones).
"""

from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext


@dataclass
class DiffRow:
    kind: str  # equal, replace, delete, insert, skip
    left_number: int | None
    left: str  # HTML: escaped text, changed words in <del>
    right_number: int | None
    right: str  # HTML: escaped text, changed words in <ins>


@dataclass
class FieldDiff:
    name: str
    changed: bool
    rows: list[DiffRow]
    label: str = ""

    def __post_init__(self):
        self.label = self.label or self.name


def as_lines(value: Any) -> list[str]:
    """A field's value as lines of text a person reads.

    Text as it is; a list one item per line (a dict item as its values joined with " · ",
    e.g. a reference as title · publisher · year · address); anything else as JSON.
    """
    if value is None:
        return []
    if isinstance(value, str):
        return value.splitlines()
    if isinstance(value, list) and all(isinstance(item, (str, int, float, dict)) for item in value):
        return [_item_line(item) for item in value]
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True).splitlines()


def _item_line(item) -> str:
    if isinstance(item, dict):
        return " · ".join(str(v) for v in item.values() if v not in (None, ""))
    return str(item)


CONTEXT_LINES = 3
# Words, runs of spaces, and single other characters: "https://a.org/x" is
# "https", ":", "/", "/", "a", ".", "org", "/", "x".
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_words(left: str, right: str) -> tuple[str, str]:
    """Both lines as escaped HTML, the words only one side has in <del> / <ins>."""
    a, b = tokens(left), tokens(right)
    old, new = [], []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            old.append(removed)
            new.append(added)
            continue
        if removed:
            old.append(f"<del>{removed}</del>")
        if added:
            new.append(f"<ins>{added}</ins>")
    return "".join(old), "".join(new)


def diff_lines(left: list[str], right: list[str]) -> list[DiffRow]:
    """Rows of a side-by-side diff; long unchanged stretches fold into one "skip" row."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        offsets = list(range(max(i2 - i1, j2 - j1)))
        if tag == "equal" and len(offsets) > 2 * CONTEXT_LINES + 1:
            head = offsets[:CONTEXT_LINES] if i1 > 0 else []
            tail = offsets[-CONTEXT_LINES:] if i2 < len(left) else []
            skipped = len(offsets) - len(head) - len(tail)
            for offset in head:
                rows.append(_row(tag, left, right, i1 + offset, j1 + offset, i2, j2))
            rows.append(DiffRow(kind="skip", left_number=None, right_number=None, right="",
                                left=ngettext("%(count)s unchanged line",
                                              "%(count)s unchanged lines", skipped)
                                % {"count": skipped}))
            for offset in tail:
                rows.append(_row(tag, left, right, i1 + offset, j1 + offset, i2, j2))
            continue
        for offset in offsets:
            rows.append(_row(tag, left, right, i1 + offset, j1 + offset, i2, j2))
    return rows


def _row(tag, left, right, i, j, i2, j2) -> DiffRow:
    has_left, has_right = i < i2, j < j2
    old, new = (left[i] if has_left else ""), (right[j] if has_right else "")
    if tag == "replace" and has_left and has_right:
        old_html, new_html = diff_words(old, new)
    else:
        old_html, new_html = escape(old), escape(new)
        if tag != "equal":
            old_html = f"<del>{old_html}</del>" if old else ""
            new_html = f"<ins>{new_html}</ins>" if new else ""
    return DiffRow(kind=tag, left_number=i + 1 if has_left else None, left=mark_safe(old_html),
                   right_number=j + 1 if has_right else None, right=mark_safe(new_html))


def diff_fields(left: dict[str, Any], right: dict[str, Any], names,
                labels: dict[str, str] | None = None) -> list[FieldDiff]:
    """One FieldDiff per name, labelled as the form labels the field (``labels``)."""
    labels = labels or {}
    result = []
    for name in names:
        a, b = as_lines(left.get(name)), as_lines(right.get(name))
        result.append(FieldDiff(name=name, label=str(labels.get(name) or name), changed=a != b,
                                rows=diff_lines(a, b)))
    return result


# --- The rendered page, with the changes marked in place -----------------------------------
# Tags (with their attributes), HTML entities, words, spaces, other single characters.
_HTML_TOKEN = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>|&[#\w]+;|\w+|\s+|[^\w\s<&]|[<&]""",
                         re.UNICODE)


def _is_tag(token: str) -> bool:
    return token.startswith("<") and token.endswith(">") and len(token) > 2


def diff_html(old_html: str, new_html: str) -> SafeString:
    """``new_html`` with words only the new one has in <ins>, words it lost in <del>.

    Both inputs must be sanitized HTML (the markdown pipeline's output). Tags come only from
    ``new_html``, unchanged and in order; removed text is escaped again, so nothing the old
    revision held can add markup.
    """
    a, b = _HTML_TOKEN.findall(old_html), _HTML_TOKEN.findall(new_html)
    # Compare text against text: a tag on one side and a word on the other never match.
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(b[j1:j2])
            continue
        removed = "".join(t for t in a[i1:i2] if not _is_tag(t))
        if removed.strip():
            out.append(f"<del>{escape(html.unescape(removed))}</del>")
        out.extend(_mark_inserted(b[j1:j2]))
    return mark_safe("".join(out))


def _mark_inserted(new_tokens: list[str]) -> list[str]:
    """Inserted tokens as they are, each run of inserted text wrapped in <ins>."""
    out, run = [], []

    def flush():
        text = "".join(run)
        if text.strip():
            out.append(f"<ins>{text}</ins>")
        elif text:
            out.append(text)
        run.clear()

    for token in new_tokens:
        if _is_tag(token):
            flush()
            out.append(token)
        else:
            run.append(token)
    flush()
    return out


def changed_html(diff: str) -> bool:
    return "<ins>" in diff or "<del>" in diff
