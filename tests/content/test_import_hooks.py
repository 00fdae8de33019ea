"""Apps wrap an import run through ``core.content_files`` hooks instead of being imported by it."""

from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command

from core import content_files

pytestmark = pytest.mark.django_db

ARTICLE = """---
title: About waiting
slug: about-waiting
summary: Why we wait.
---
Some text.
"""


@pytest.fixture
def recorded():
    events = []

    @contextmanager
    def hook():
        events.append("start")
        try:
            yield
        finally:
            events.append("end")

    content_files.register_import_hook(hook)
    content_files.register_import_hook(hook)  # registering twice wraps once
    yield events
    content_files.IMPORT_HOOKS.remove(hook)


def test_an_import_run_is_wrapped_once_in_each_registered_hook(tmp_path, recorded):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "about-waiting.md").write_text(ARTICLE)
    call_command("import_content", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    assert recorded == ["start", "end"]


def test_a_hook_is_left_even_when_the_run_fails(recorded):
    with pytest.raises(RuntimeError), content_files.importing():
        assert recorded == ["start"]
        raise RuntimeError("a bug in the middle of an import")
    assert recorded == ["start", "end"]


def test_the_glossary_defers_its_backlinks_through_a_hook():
    from glossary.signals import deferred_usage_refresh

    assert deferred_usage_refresh in content_files.IMPORT_HOOKS


def test_a_nul_escape_in_front_matter_is_a_file_error(tmp_path):
    """YAML's "\\0" makes a NUL character, which PostgreSQL cannot store: refused by name."""
    from core.content_files import load

    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "tolerance.md").write_text(
        '---\nterm: "Tole\\0rance"\nslug: tolerance\nshort_definition: Needing more.\n---\n')
    good, errors = load([tmp_path])
    assert good == []
    assert [(e.field, e.message) for e in errors] == [
        ("term", "contains a NUL character (\\0)")]
