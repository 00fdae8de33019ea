from urllib.parse import urlencode

import pytest

from tests.pages.conftest import make_page  # noqa: F401  (shared fixture)

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def form_post(client, url, data, **headers):
    """POST as an HTML form does: urlencoded, with only the headers given."""
    return client.post(url, urlencode(data, doseq=True),
                       content_type="application/x-www-form-urlencoded", **headers)


@pytest.fixture
def post_form():
    """POST a public form the way a browser on this site does (Origin and Sec-Fetch-Site)."""

    def post(client, url, data, **headers):
        return form_post(client, url, data, **{**SAME_ORIGIN, **headers})

    return post


def helpful_data(page, kind="article", **extra):
    return {"kind": kind, "page": page.pk, "revision": page.live_revision_id, "helpful": "yes",
            **extra}


def report_data(page, kind="article", **extra):
    return {"kind": kind, "page": page.pk, "revision": page.live_revision_id,
            "what_is_wrong": "The second paragraph says the opposite of its source.", **extra}
