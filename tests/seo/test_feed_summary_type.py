"""Finding 4: Atom summaries are declared as the plain text they are."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_summary_that_looks_like_markup_stays_text_in_feed_readers(client, make_article):
    make_article(summary='Tapering <img src=x onerror="alert(1)"> & more')
    response = client.get("/feeds/articles.atom")
    root = ET.fromstring(response.content)  # noqa: S314 (the site's own output)
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "text"
    # Escaped once in the XML; a reader shows exactly the author's characters.
    assert summary.text == 'Tapering <img src=x onerror="alert(1)"> & more'
    assert b'type="html"' not in response.content
