"""The two public forms. No CSRF token (pages are the same for every reader and set no cookie):
cross-site POSTs are refused by their Origin instead; then size, validity and rate are checked.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from feedback import ratelimit, targets
from feedback.forms import HelpfulForm, ReportForm
from feedback.models import HelpfulVote, ProblemReport
from feedback.notifications import notify_editors_of_report
from feedback.origin import is_same_origin
from feedback.retention import purge_expired

MAX_BODY_BYTES = 32 * 1024


def _refused(request, status, title, message, **extra):
    response = render(request, "feedback/refused.html",
                      {"title": title, "message": message, **extra}, status=status)
    if status == 429:
        response["Retry-After"] = str(settings.FEEDBACK_RATE_WINDOW_SECONDS)
    return response


def _body_too_big(request) -> bool | None:
    """True when over the cap, None when the length can't be read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length > MAX_BODY_BYTES or length < 0


def _submit(request, form_class, scope, template, save):
    if not is_same_origin(request):
        return _refused(request, 403, _("This form can only be sent from this site"),
                        _("Go back to the page and send the form from there."))
    too_big = _body_too_big(request)
    # The forms are plain urlencoded HTML forms; anything else is not from them.
    if too_big is None or request.content_type != "application/x-www-form-urlencoded":
        return _refused(request, 400, _("Something went wrong"), _("Please try again."))
    if too_big:
        return _refused(request, 413, _("That was too long"),
                        _("Please shorten your message and send it again."))
    form = form_class(request.POST)
    if not form.is_valid():
        page = targets.live_page(request.POST.get("kind", ""), _int(request.POST.get("page")))
        target = targets.form_target(page) if page is not None else None
        return render(request, template, {"form": form, "page": page, "target": target},
                      status=400)
    if not ratelimit.allow(request, scope):
        return _refused(request, 429, _("Please wait a while"),
                        _("We have had a lot of messages from your connection. "
                          "Please try again in an hour."))
    page = form.cleaned_data["page_object"]
    save(form, page)
    # Also run daily by `purge_feedback`; here it keeps the privacy page true without cron.
    purge_expired()
    query = urlencode({"sent": scope, "back": page.get_absolute_url()})
    return HttpResponseRedirect(f"{reverse('feedback:thanks')}?{query}", status=303)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _save_vote(form, page):
    data = form.cleaned_data
    HelpfulVote.objects.create(
        content_type=targets.content_type_of(page), object_id=page.pk,
        revision_id=form.seen_revision_id(), helpful=data["helpful"] == "yes",
        comment=data["comment"],
    )


def _save_report(form, page):
    data = form.cleaned_data
    report = ProblemReport.objects.create(
        content_type=targets.content_type_of(page), object_id=page.pk,
        revision_id=form.seen_revision_id(), what_is_wrong=data["what_is_wrong"],
        contact=data["contact"],
    )
    notify_editors_of_report(report, page)


@csrf_exempt
@never_cache
@require_POST
def helpful(request):
    return _submit(request, HelpfulForm, "helpful", "feedback/helpful_error.html", _save_vote)


@csrf_exempt
@never_cache
@require_POST
def report(request):
    return _submit(request, ReportForm, "report", "feedback/report_error.html", _save_report)


@require_GET
def thanks(request):
    back = request.GET.get("back", "")
    if not (back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None)):
        back = ""
    return render(request, "feedback/thanks.html", {
        "sent": "report" if request.GET.get("sent") == "report" else "helpful", "back": back,
    })
