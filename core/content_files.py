"""Content files: markdown with YAML front matter, one item per file (see contract.md).

Parsing and validation live here; each kind of item (article, topic, and whatever other
apps register, such as glossary terms) has a ``ContentKind`` that validates a file's front
matter, saves it, and exports the live items.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError

from core import validation

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL)
MAX_FILE_BYTES = 1_000_000
# Lists and mappings in a front-matter value nest at most this deep (references: 2).
MAX_NESTING = 10


class ContentError(Exception):
    """A problem with one file, named by path and field, for the person who wrote it."""

    def __init__(self, path: Path | str, field_name: str, message: str):
        self.path, self.field, self.message = Path(path), field_name, message
        super().__init__(f"{path}: {field_name}: {message}")


@dataclass
class ContentFile:
    path: Path
    kind: str
    data: dict[str, Any]
    body: str
    errors: list[ContentError] = field(default_factory=list)
    # Problems worth fixing that don't stop the import (a source listed but never cited).
    warnings: list[ContentError] = field(default_factory=list)

    @property
    def slug(self) -> str | None:
        slug = self.data.get("slug")
        return slug if isinstance(slug, str) else None


@dataclass(frozen=True)
class ContentKind:
    name: str
    folder: str
    # Front-matter keys that tell this kind apart when the folder doesn't.
    marker_keys: frozenset[str]
    # validate(item, batch): batch maps each kind to this run's files by slug, so an item
    # may refer to another that arrives in the same import.
    validate: Callable[[ContentFile, dict[str, dict[str, ContentFile]]], list[ContentError]]
    save: Callable[..., str]
    export: Callable[[Path], int]
    exists: Callable[[str], bool]
    order: int = 50
    # relink(slug): once every file of the run is saved, set the links to items of this
    # kind that had no row yet when the item itself was saved (validate allows them).
    relink: Callable[[str], None] | None = None


KINDS: dict[str, ContentKind] = {}


def register_kind(kind: ContentKind) -> None:
    KINDS[kind.name] = kind


# Context managers that wrap a whole import run, so an app can put off work each saved item
# would start until the run ends (the glossary's backlinks: once, not once per file).
IMPORT_HOOKS: list[Callable[[], AbstractContextManager]] = []


def register_import_hook(hook: Callable[[], AbstractContextManager]) -> None:
    """Wrap every import run in ``hook()`` (once per process: from ``AppConfig.ready()``)."""
    if hook not in IMPORT_HOOKS:
        IMPORT_HOOKS.append(hook)


@contextmanager
def importing():
    """An import run: inside every registered import hook, entered in registration order."""
    with ExitStack() as stack:
        for hook in IMPORT_HOOKS:
            stack.enter_context(hook())
        yield


def read_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(path, "file", f"cannot be read ({error.strerror})") from error
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(path, "file", f"is larger than {MAX_FILE_BYTES // 1000} kB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(path, "file", f"is not UTF-8 text (byte {error.start})") from error
    if "\x00" in text:
        raise ContentError(path, "file", "contains NUL bytes")
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(path, "front matter",
                           "missing: the file must start with '---', YAML, then '---'")
    try:
        data = yaml.safe_load(match.group(1))
    except RecursionError as error:
        raise ContentError(path, "front matter",
                           f"is nested too deeply (more than {MAX_NESTING} levels)") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ContentError(path, "front matter", f"is not valid YAML{where}: {problem}") from error
    if not isinstance(data, dict):
        raise ContentError(path, "front matter", "must be a YAML mapping of field: value")
    for name, value in data.items():
        if not isinstance(name, str):
            raise ContentError(path, str(name), "field names are words, not numbers or lists")
        if _depth(value) > MAX_NESTING:
            raise ContentError(path, name,
                               f"is nested too deeply (more than {MAX_NESTING} levels)")
        try:
            validation.validate_no_nul(value)
        except ValidationError as error:
            raise ContentError(path, name, "contains a NUL character (\\0)") from error
    return data, match.group(2).lstrip("\r\n")


def _depth(value: Any, limit: int = MAX_NESTING + 1) -> int:
    """How deeply lists and mappings nest in value, counted no further than limit."""
    if limit <= 0 or not isinstance(value, list | dict):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(child, limit - 1) for child in children), default=0)


def detect_kind(path: Path, data: dict[str, Any]) -> str:
    for kind in KINDS.values():
        if path.parent.name == kind.folder:
            return kind.name
    for kind in sorted(KINDS.values(), key=lambda k: k.order):
        if kind.marker_keys & data.keys():
            return kind.name
    raise ContentError(path, "front matter",
                       "can't tell what kind of item this is: put it in one of the folders "
                       + ", ".join(sorted(k.folder for k in KINDS.values())))


def collect_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[ContentError]]:
    files: list[Path] = []
    errors: list[ContentError] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.md") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            errors.append(ContentError(path, "path", "does not exist"))
    return files, errors


def load(paths: Iterable[str | Path]) -> tuple[list[ContentFile], list[ContentError]]:
    """Read and validate files; return the good ones (in import order) and every error."""
    files, errors = collect_paths(paths)
    loaded: list[ContentFile] = []
    for path in files:
        try:
            data, body = read_front_matter(path)
            loaded.append(ContentFile(path, detect_kind(path, data), data, body))
        except ContentError as error:
            errors.append(error)
    batch: dict[str, dict[str, ContentFile]] = {name: {} for name in KINDS}
    for item in loaded:
        if item.slug:
            batch[item.kind].setdefault(item.slug, item)
    for item in loaded:
        item.errors.extend(_validate(item, batch))
        if item.slug and item.path.stem != item.slug and not item.errors:
            item.errors.append(ContentError(
                item.path, "slug", f"'{item.slug}' must match the file name '{item.path.stem}.md'"
            ))
    _flag_duplicate_slugs(loaded)
    good = [item for item in loaded if not item.errors]
    errors.extend(error for item in loaded for error in item.errors)
    good.sort(key=lambda item: (KINDS[item.kind].order, str(item.path)))
    return good, errors


def _validate(item: ContentFile, batch: dict[str, dict[str, ContentFile]]) -> list[ContentError]:
    """The kind's checks and the body's, never an exception: any surprise names the file."""
    errors: list[ContentError] = []
    try:
        validation.validate_markdown(item.body)
    except ValidationError as error:
        errors.append(ContentError(item.path, "body", " ".join(error.messages)))
    try:
        errors.extend(KINDS[item.kind].validate(item, batch))
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as error:
        # A value of a type no check expected: report it with the file rather than crash.
        errors.append(ContentError(item.path, "front matter",
                                   f"has a value of an unexpected type ({error})"))
    return errors


def _flag_duplicate_slugs(items: list[ContentFile]) -> None:
    seen: dict[tuple[str, str], list[ContentFile]] = {}
    for item in items:
        if item.slug:
            seen.setdefault((item.kind, item.slug), []).append(item)
    for (_kind, slug), same in seen.items():
        if len(same) > 1:
            for item in same:
                others = ", ".join(str(o.path) for o in same if o is not item)
                item.errors.append(ContentError(item.path, "slug",
                                                f"duplicate slug '{slug}' (also in {others})"))


# --- Field checks used by every kind ------------------------------------------------------

def require_text(item: ContentFile, name: str, errors: list, *, max_length: int | None = None,
                 required: bool = True) -> None:
    value = item.data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(ContentError(item.path, name, "is required"))
        return
    if not isinstance(value, str):
        errors.append(ContentError(item.path, name, "must be text"))
    elif max_length and len(value.strip()) > max_length:
        length = len(value.strip())
        errors.append(ContentError(item.path, name,
                                   f"is {length} characters; the limit is {max_length}"))
    elif "\n" in value.strip():
        errors.append(ContentError(item.path, name, "must be on one line"))


def check_slug(item: ContentFile, errors: list, name: str = "slug") -> None:
    value = item.data.get(name)
    if not isinstance(value, str) or not validation.SLUG.match(value) or len(value) > 100:
        errors.append(ContentError(item.path, name,
                                   "is required: lowercase letters, digits and hyphens"))


def check_with(item: ContentFile, name: str, validator: Callable, errors: list,
               default: Any = None) -> None:
    try:
        validator(item.data.get(name, default))
    except ValidationError as error:
        errors.append(ContentError(item.path, name, " ".join(error.messages)))


def check_known_fields(item: ContentFile, allowed: set[str], errors: list) -> None:
    for name in sorted(set(item.data) - allowed):
        errors.append(ContentError(item.path, name, "is not a known field"))


def write_item(path: Path, front_matter: dict[str, Any], body: str) -> None:
    """Write one content file, never through a symbolic link already in the target folder.

    A link planted there (``tolerance.md -> ~/.bashrc``, or the ``articles`` folder itself
    pointing elsewhere) would otherwise have the export overwrite a file outside it.
    """
    text = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=100)
    if path.parent.is_symlink():
        raise ContentError(path.parent, "folder",
                           "is a symbolic link; export does not write through links")
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                             0o644)
    except OSError as error:
        reason = ("is a symbolic link; export does not write through links"
                  if path.is_symlink() else f"cannot be written ({error.strerror})")
        raise ContentError(path, "file", reason) from error
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"---\n{text}---\n{body.rstrip()}\n")
