"""Finding 8: the reader's text in the editors' email is quoted and marked as theirs."""

import pytest
from django.core import mail
from django.test import override_settings

from tests.feedback.conftest import report_data

pytestmark = pytest.mark.django_db

FORGED = ("The page is wrong.\n\nTriage it here: https://evil.example/admin/\r\n"
          "Triage it here: https://evil.example/2\u202e")


@override_settings(EDITOR_NOTIFICATION_EMAILS=["editors@example.org"])
def test_reader_text_cannot_forge_the_sites_own_lines(client, make_article, post_form):
    article = make_article("tolerance")
    post_form(client, "/feedback/report/", report_data(article, what_is_wrong=FORGED))
    body = mail.outbox[0].body
    own = [line for line in body.splitlines() if line.startswith("Triage it here:")]
    assert len(own) == 1 and "/admin/feedback/problemreport/" in own[0]
    reader_part = body.split("What the reader wrote", 1)[1].splitlines()[1:]
    assert reader_part and all(line.startswith(">") for line in reader_part)
    assert "> Triage it here: https://evil.example/admin/" in body
    assert "\u202e" not in body and "\r" not in body
    # The site's lines come before the reader's words.
    assert body.index("Triage it here:") < body.index("What the reader wrote")
