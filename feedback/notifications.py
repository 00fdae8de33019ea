import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


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
    body = "\n\n".join([
        _("A reader reported a problem with “%(page)s”.") % {"page": page},
        _("Page: %(url)s") % {"url": settings.SITE_URL + page.get_absolute_url()},
        _("What is wrong:") + "\n" + report.what_is_wrong,
        (_("The reader left contact details (see the admin).") if report.contact
         else _("The reader left no contact details.")),
        _("Triage it here: %(url)s") % {"url": admin_url},
    ])
    try:
        title = " ".join(str(page).split())[:80]
        send_mail(_("Problem reported: %(page)s") % {"page": title}, body,
                  settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # an outage of the mail server must not lose the report
        logger.exception("Could not email the editors about problem report %s", report.pk)
