"""Side-by-side differences between two revisions, escaped for HTML."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.translation import ngettext


@dataclass
class DiffRow:
    kind: str  # equal, replace, delete, insert
    left_number: int | None
    left: str
    right_number: int | None
    right: str


@dataclass
class FieldDiff:
    name: str
    changed: bool
    rows: list[DiffRow]


def as_lines(value: Any) -> list[str]:
    """A field's value as lines of text: strings as they are, structures as indented JSON."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.splitlines()
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True).splitlines()


CONTEXT_LINES = 3


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
    return DiffRow(kind=tag, left_number=i + 1 if i < i2 else None,
                   left=escape(left[i]) if i < i2 else "",
                   right_number=j + 1 if j < j2 else None,
                   right=escape(right[j]) if j < j2 else "")


def diff_fields(left: dict[str, Any], right: dict[str, Any], names) -> list[FieldDiff]:
    result = []
    for name in names:
        a, b = as_lines(left.get(name)), as_lines(right.get(name))
        result.append(FieldDiff(name=name, changed=a != b, rows=diff_lines(a, b)))
    return result
