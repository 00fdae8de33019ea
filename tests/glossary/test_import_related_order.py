"""A term's related terms survive a fresh import whatever order the files are read in."""

from io import StringIO

import pytest
from django.core.management import call_command

from glossary.models import Term

TERM = """---
term: {term}
slug: {slug}
aliases: []
short_definition: A word for the test.
category: concept
related: [{related}]
---
A word.
"""

pytestmark = pytest.mark.django_db


def _write(folder, term, slug, related):
    (folder / f"{slug}.md").write_text(TERM.format(term=term, slug=slug, related=related))


def _related(slug):
    return sorted(Term.objects.get(slug=slug).related.values_list("slug", flat=True))


@pytest.mark.parametrize("publish", [True, False])
def test_a_term_keeps_related_terms_whose_files_are_imported_after_it(tmp_path, publish):
    folder = tmp_path / "glossary"
    folder.mkdir()
    _write(folder, "Methadone", "methadone", "buprenorphine, opioid")
    _write(folder, "Buprenorphine", "buprenorphine", "methadone, opioid")
    _write(folder, "Opioid", "opioid", "")
    call_command("import_content", str(folder), publish=publish, only_new=True,
                 stdout=StringIO(), stderr=StringIO())
    assert _related("buprenorphine") == ["methadone", "opioid"]
    assert _related("methadone") == ["buprenorphine", "opioid"]
