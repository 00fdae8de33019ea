"""Side-by-side differences between two revisions, escaped for HTML."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape


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


def diff_lines(left: list[str], right: list[str]) -> list[DiffRow]:
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + offset, j1 + offset
            rows.append(DiffRow(
                kind=tag,
                left_number=i + 1 if i < i2 else None,
                left=escape(left[i]) if i < i2 else "",
                right_number=j + 1 if j < j2 else None,
                right=escape(right[j]) if j < j2 else "",
            ))
    return rows


def diff_fields(left: dict[str, Any], right: dict[str, Any], names) -> list[FieldDiff]:
    result = []
    for name in names:
        a, b = as_lines(left.get(name)), as_lines(right.get(name))
        result.append(FieldDiff(name=name, changed=a != b, rows=diff_lines(a, b)))
    return result
