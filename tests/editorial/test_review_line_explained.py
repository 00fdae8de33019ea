""""Not yet clinically reviewed" links to the part of the editorial policy that explains it."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ANCHOR = "sec-what-the-review-line-means"


def test_the_not_yet_reviewed_line_links_to_its_explanation(make_article, client):
    make_article()
    html = client.get("/articles/tolerance/").content.decode()
    assert f'href="/editorial-policy/#{ANCHOR}"' in html


def test_the_editorial_policy_has_the_section_the_link_points_to(client):
    call_command("import_content", "content/pages", publish=True, verbosity=0)
    html = client.get("/editorial-policy/").content.decode()
    section = re.search(rf'<h2 id="{ANCHOR}">(.*?)</h2>(.*?)<h2', html, re.S)
    assert section and "Not yet clinically reviewed" in section.group(2)
