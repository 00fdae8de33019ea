import logging
import unicodedata

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def quote_reader_text(text: str) -> str:
    """Every line of a reader's text behind "> ", control and direction characters removed."""
    cleaned = "".join(
        character for character in text
        if character in "\n\t" or (unicodedata.category(character) not in {"Cc", "Cf"}))
    lines = cleaned.replace("\r\n", "\n").split("\n")
    return "\n".join(f"> {line}".rstrip() for line in lines)


def notify_editors_of_report(report, page) -> None:
    """Email the editors that a reader reported a problem. A mail failure never fails the reader.

    The email names the page and quotes the report; the reader's contact details stay in
    the admin, so they don't spread into inboxes.
    """
    recipients = settings.EDITOR_NOTIFICATION_EMAILS
    if not recipients:
        return
    admin_url = settings.SITE_URL + reverse("admin:feedback_problemreport_change",
                                            args=[report.pk])
    # The site's own lines first, the reader's words last, every line of them quoted with
    # "> " under a heading that says whose they are: a reader can't write a line that
    # looks like ours (a fake "Triage it here:" link).
    body = "\n\n".join([
        _("A reader reported a problem with “%(page)s”.") % {"page": page},
        _("Page: %(url)s") % {"url": settings.SITE_URL + page.get_absolute_url()},
        (_("The reader left contact details (see the admin).") if report.contact
         else _("The reader left no contact details.")),
        _("Triage it here: %(url)s") % {"url": admin_url},
        _("What the reader wrote (their words, quoted; links in it are theirs, not ours):")
        + "\n" + quote_reader_text(report.what_is_wrong),
    ])
    try:
        title = " ".join(str(page).split())[:80]
        send_mail(_("Problem reported: %(page)s") % {"page": title}, body,
                  settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # an outage of the mail server must not lose the report
        logger.exception("Could not email the editors about problem report %s", report.pk)
