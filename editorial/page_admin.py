"""The admin for every kind of revisioned page: drafts, the workflow buttons, history, preview.

Every view here checks permission itself (``editorial.permissions``), so a hidden button
is a convenience, never the protection. Kind-specific admins (articles, glossary, pages)
subclass ``PageWorkflowAdmin`` and say how to read relations from the form and how to
render a preview with their public template.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten, flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from editorial import permissions, preview, roles, states, workflow
from editorial.diff import diff_fields, diff_html
from editorial.models import ActionLog, Revision
from editorial.workflow import WorkflowError

TRANSITIONS = {
    "submit": workflow.submit,
    "approve": workflow.approve,
    "request_changes": workflow.request_changes,
    "publish": workflow.publish,
    "schedule": workflow.schedule,
    "unschedule": workflow.unschedule,
    "unpublish": workflow.unpublish,
    "archive": workflow.archive,
    "restore": workflow.restore,
}
NOTE_MAX_LENGTH = 5000
CORRECTION_NOTE_MAX_LENGTH = 600  # feedback.models.CORRECTION_MAX_LENGTH


class RevisionForm(forms.ModelForm):
    """The edit form: the page's fields, plus a correction note kept in the revision only."""

    correction_note = forms.CharField(
        label=gettext_lazy("Correction note"), required=False,
        max_length=CORRECTION_NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Only if this revision corrects a mistake readers could see: in plain words, what "
            "was wrong and what the page says now. It is reviewed with this revision and shown "
            "on the page, dated, when this revision is published."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "review_interval_months" in self.fields:
            field = self.fields["review_interval_months"]
            field.help_text = format_lazy("{} {}", field.help_text, gettext_lazy(
                "A change reaches readers when this revision is approved and published."))


# What other apps add to every page kind's edit form, registered in their ``AppConfig.ready()``
# (the markdown editor: its widget with live preview, and lines, rows and pickers for the
# list fields), so a page kind's admin imports none of them and a new kind gets them too.
_FORMFIELD_HOOKS: list = []
_FORM_HOOKS: list = []


def register_formfield_hook(hook) -> None:
    """``hook(model_admin, db_field, request, kwargs)`` returns the form field for
    ``db_field``, or None to let the next hook (and then Django) make it; it may add to
    ``kwargs`` (a ``widget``) on the way."""
    if hook not in _FORMFIELD_HOOKS:
        _FORMFIELD_HOOKS.append(hook)


def register_form_hook(hook) -> None:
    """``hook(model_admin, form_class, obj)`` adjusts the edit form built for ``obj``."""
    if hook not in _FORM_HOOKS:
        _FORM_HOOKS.append(hook)


class TimeZoneNoteMixin:
    """A fieldset holding dates and times says which time zone they are in.

    The times themselves print with the zone's abbreviation (config/formats); this names the
    zone (``TIME_ZONE``) once above them, as "Go live at" does in the workflow.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        datetimes = {field.name for field in self.model._meta.concrete_fields
                     if isinstance(field, models.DateTimeField)}
        note = _("Dates and times are in the %(zone)s time zone.") % {
            "zone": timezone.get_current_timezone_name()}
        noted = []
        for name, options in fieldsets:
            if datetimes & set(flatten(options.get("fields", ()))) and not options.get(
                    "description"):
                options = {**options, "description": note}
            noted.append((name, options))
        return noted


class PageWorkflowAdmin(TimeZoneNoteMixin, admin.ModelAdmin):
    change_form_template = "editorial/admin/change_form.html"
    form = RevisionForm
    workflow_readonly_fields = ["workflow_state", "live", "first_published_at",
                                "last_published_at", "go_live_at", "reviewer_name",
                                "reviewer_credentials", "reviewed_at", "next_review_due"]
    m2m_content_field = ""  # a many-to-many field stored in revisions by slug (topics, related)
    preview_template = ""
    rendered_fields: dict[str, str] = {}  # rendered field name -> the markdown field it renders

    class Media:
        css = {"all": ["editorial/admin.css"]}

    def get_list_filter(self, request):
        """One "By state" filter in the State column's words, for "live" and "workflow state"."""
        filters = [f for f in super().get_list_filter(request)
                   if f not in ("live", "workflow_state")]
        return [states.StateListFilter, *filters]

    # --- The change form edits the latest draft, and every save is a revision ----------------
    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.workflow_readonly_fields]

    def get_object(self, request, object_id, from_field=None):
        """Edit the latest draft, not the live row, when the two differ."""
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.correction_note = ""
        if obj is not None and obj.latest_revision and obj.has_unpublished_changes:
            obj.apply_content(obj.latest_revision.content)
            # The draft's correction note (never a column: it is public only once published).
            obj.correction_note = obj.latest_revision.content.get("correction_note", "")
        return obj

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        shown = flatten_fieldsets(fieldsets)
        if "correction_note" in shown:
            fieldsets = [(name, {**options, "fields": [f for f in options["fields"]
                                                       if f != "correction_note"]})
                         for name, options in fieldsets]
        if obj is not None and obj.live_revision_id:  # corrections are to what readers saw
            fieldsets.append((gettext_lazy("Correction"), {"fields": ["correction_note"]}))
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        for hook in _FORMFIELD_HOOKS:
            field = hook(self, db_field, request, kwargs)
            if field is not None:
                return field
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        for hook in _FORM_HOOKS:
            hook(self, form, obj)
        pending = getattr(obj, f"_pending_{self.m2m_content_field}", None)
        field = form.base_fields.get(self.m2m_content_field)
        if pending is not None and field is not None:
            field.initial = list(field.queryset.filter(slug__in=pending)
                                 .values_list("pk", flat=True))
        if "correction_note" in form.base_fields:
            # The note belongs to the unpublished draft; once published it is not offered again.
            form.base_fields["correction_note"].initial = getattr(obj, "correction_note", "")
        return form

    def save_model(self, request, obj, form, change):
        """Every save is a new draft revision; a live page keeps its content until published.

        Review facts (the review interval, a correction note) are saved in the revision too:
        readers see them only once the revision is approved and published.
        """
        content = obj.serialize_content()
        if self.m2m_content_field and self.m2m_content_field in form.cleaned_data:
            content[self.m2m_content_field] = sorted(
                item.slug for item in form.cleaned_data[self.m2m_content_field])
        if correction_note := form.cleaned_data.get("correction_note", "").strip():
            content["correction_note"] = correction_note
        latest = type(obj).objects.filter(pk=obj.pk).first() if change else None
        if ("_submit" in request.POST and latest is not None and latest.has_unpublished_changes
                and latest.latest_revision.content == content):
            return  # "Save and submit" with nothing edited submits the draft as it is
        live_interval = (type(obj).objects.filter(pk=obj.pk)
                         .values_list("review_interval_months", flat=True).first())
        revision = obj.save_revision(user=request.user, content=content)
        obj._saved_revision = revision
        action = ActionLog.Action.EDIT if change else ActionLog.Action.CREATE
        ActionLog.record(obj, action, actor=request.user, revision=revision)
        interval = content.get("review_interval_months")
        if change and obj.live and live_interval is not None and interval != live_interval:
            ActionLog.record(obj, ActionLog.Action.REVIEW_CYCLE, actor=request.user,
                             revision=revision,
                             note=_("Review every %(months)s months, once this revision is "
                                    "approved and published.") % {"months": interval})

    def save_related(self, request, form, formsets, change):
        # Relations travel inside the revision (see save_model), so the live page's
        # relations don't change before the revision is published.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        page = self.model.objects.filter(pk=_int(object_id)).first()
        if page is not None and self.has_view_or_change_permission(request, page):
            extra_context = {**self.workflow_context(request, page, on_change_page=True),
                             **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"can_submit": permissions.can(request.user, "submit"),
                         **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit" in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_submit" in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_change(request, obj)

    def _submit_after_save(self, request, obj):
        """"Save and submit for review": submit the revision this request saved (or, when
        nothing was edited, the one the form was showing)."""
        change_url = self._url("change", obj.pk)
        if not permissions.can(request.user, "submit"):
            messages.warning(request, _("Saved as a draft. %(refusal)s") % {
                "refusal": refusal_message("submit")})
            return HttpResponseRedirect(change_url)
        saved = getattr(obj, "_saved_revision", None)
        seen = (workflow.Seen(saved.pk, saved.content_hash) if saved
                else workflow.Seen.from_post(request.POST))
        note = request.POST.get("_submit_note", "").strip()[:NOTE_MAX_LENGTH]
        with transaction.atomic():
            page = self._page(request, obj.pk, for_update=True)
            try:
                workflow.submit(page, user=request.user, note=note, seen=seen)
            except WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _(
                    "Saved and submitted revision %(id)s for review: a clinical reviewer "
                    "checks it next.") % {"id": page.latest_revision_id})
        return HttpResponseRedirect(change_url)

    def workflow_context(self, request, page, *, on_change_page=False) -> dict:
        """What the change page and the history show about where the page stands and what
        this person may do now (the views check again when they act)."""
        allowed = permissions.allowed_actions(request.user) & applicable_actions(page)
        latest_is_live = page.live and page.latest_revision_id == page.live_revision_id
        self_authored = bool(page.latest_revision and not workflow.self_approval_allowed()
                             and request.user.pk in workflow.authors_since_last_approval(
                                 page, page.latest_revision))
        can_change = self.has_change_permission(request, page)
        shown = {"approve", "request_changes", "publish", "schedule", "unschedule",
                 "unpublish", "archive", "restore"}
        if not on_change_page or not can_change:
            shown.add("submit")  # on the change page it is "Save and submit", beside Save
        now = allowed & shown
        return {
            "allowed": allowed, "next_actions": now, "latest_is_live": latest_is_live,
            "self_authored": self_authored, "can_change": can_change,
            "changes_requested": changes_requested_entry(page),
            "state_meaning": state_meaning(page),
            "nothing_to_do": "" if (now or (on_change_page and can_change))
            else nothing_to_do(page),
            "on_change_page": on_change_page,
            "can_submit": permissions.can(request.user, "submit"),  # a save makes a draft
        }

    @admin.display(description=gettext_lazy("State"))
    def state_label(self, obj):
        return states.page_state_label(obj)

    # --- URLs ---------------------------------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/workflow/<slug:action>/", wrap(self.transition_view),
                 name=f"{prefix}_workflow"),
            path("<path:object_id>/revisions/<int:revision_id>/preview/",
                 wrap(self.preview_view), name=f"{prefix}_preview"),
            path("<path:object_id>/revisions/<int:revision_id>/revert/",
                 wrap(self.revert_view), name=f"{prefix}_revert"),
            path("<path:object_id>/revisions/<int:revision_id>/notes/",
                 wrap(self.note_view), name=f"{prefix}_note"),
            path("<path:object_id>/compare/", wrap(self.compare_view),
                 name=f"{prefix}_compare"),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        opts = self.opts
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}",
                       args=args)

    def _page(self, request, object_id, *, for_update=False):
        """The page row as readers see it, or 404; staff must at least be able to view it.

        ``for_update`` locks the row (inside the caller's transaction), so a transition and a
        concurrent edit cannot interleave: the transition sees the latest revision.
        """
        queryset = self.model.objects.all()
        if for_update:
            queryset = queryset.select_for_update()
        try:
            page = queryset.get(pk=int(object_id))
        except (ValueError, TypeError, self.model.DoesNotExist):
            raise Http404 from None
        if not self.has_view_or_change_permission(request, page):
            raise PermissionDenied
        return page

    def _revision(self, page, revision_id) -> Revision:
        return get_object_or_404(page.revisions(), pk=revision_id)

    def _note(self, request) -> str:
        return request.POST.get("note", "").strip()[:NOTE_MAX_LENGTH]

    # --- Transitions --------------------------------------------------------------------------
    def refused(self, request, action, object_id=None):
        """The admin's own 403 page, saying which role the action needs."""
        page = self.model.objects.filter(pk=_int(object_id)).first()
        if page is not None and not self.has_view_or_change_permission(request, page):
            page = None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "page": page, "title": _("Not allowed"),
            "refusal": refusal_message(action),
            "your_roles": list(request.user.groups.order_by("name")
                               .values_list("name", flat=True)),
        }
        return TemplateResponse(request, "editorial/admin/refused.html", context, status=403)

    def _next_url(self, request, page):
        if request.POST.get("next") == "change":
            return self._url("change", page.pk)
        return self._url("history", page.pk)

    @method_decorator(never_cache)
    def transition_view(self, request, object_id, action):
        """GET: the action's own page (its form, or its confirmation); POST: do it."""
        if action not in TRANSITIONS:
            raise Http404
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if not permissions.can(request.user, action):
            return self.refused(request, action, object_id)
        try:
            page = self._page(request, object_id)
        except PermissionDenied:
            return self.refused(request, action, object_id)
        if request.method == "POST":
            return self._transition(request, page.pk, action)
        if action not in applicable_actions(page):
            messages.info(request, _("“%(action)s” does not apply to this page now: it is "
                                     "%(state)s.") % {
                "action": ACTION_BUTTONS[action], "state": states.page_state_label(page)})
            return HttpResponseRedirect(self._url("history", page.pk))
        return self.action_page(request, page, action, ActionForm(action=action))

    @method_decorator(transaction.atomic)
    def _transition(self, request, page_pk, action):
        page = self._page(request, page_pk, for_update=True)
        form = ActionForm(request.POST, action=action)
        if not form.is_valid():
            return self.action_page(request, page, action, form)
        kwargs = {"user": request.user, "note": form.cleaned_data["note"],
                  "seen": workflow.Seen.from_post(request.POST)}
        if action == "schedule":
            kwargs["go_live_at"] = form.cleaned_data["go_live_at"]
        try:
            TRANSITIONS[action](page, **kwargs)
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Done: %(action)s.") % {
                "action": ACTION_LABELS.get(action, action)})
        return HttpResponseRedirect(self._next_url(request, page))

    def action_page(self, request, page, action, form):
        """One action's page: what it does, to which revision, and what readers lose."""
        subject = workflow.subject_revision(page, action)
        context = {
            **self.admin_site.each_context(request),
            **self.workflow_context(request, page),
            "opts": self.opts, "page": page, "original": page, "action": action,
            "title": ACTION_TITLES[action] % {"page": page}, "form": form,
            "subject": subject, "describe": ACTION_DESCRIBE.get(action, ""),
            "explanation": ACTION_EXPLANATIONS[action],
            "button": ACTION_BUTTONS[action],
            "crumb": {"unpublish": _("Unpublish"), "archive": _("Archive")}.get(
                action, ACTION_BUTTONS[action]),
            "danger": action in DANGER_ACTIONS,
            "losses": self.reader_losses(page, action) if action in DANGER_ACTIONS else [],
        }
        return TemplateResponse(request, "editorial/admin/action.html", context)

    def reader_losses(self, page, action) -> list[str]:
        """What readers lose when this page goes offline, in plain words."""
        losses = [_("Readers who open it get “Page not found” (HTTP 404) at once.")]
        label = f"{self.opts.app_label}.{self.opts.model_name}"
        places = [str(place) for place in LISTED_IN.get(label, LISTED_IN[""])]
        if hasattr(page, "topics"):
            places += [_("the topic “%(topic)s”") % {"topic": topic}
                       for topic in page.topics.order_by("title")]
        losses.append(_("It leaves: %(places)s.") % {"places": "; ".join(places)})
        if settings.CDN_PURGE_URL:
            losses.append(_("The site's own page cache forgets it at once, and the CDN is asked "
                            "to forget its copy (of the page, its lists, the sitemap and the "
                            "feed). Readers' browsers that opened the page may keep showing "
                            "their copy for up to 5 minutes (the pages' max-age)."))
        else:
            losses.append(_("The site's own page cache forgets it at once. No CDN purge is set "
                            "up (CDN_PURGE_URL): a CDN in front of the site, and readers' "
                            "browsers that opened the page, may keep showing their copy for up "
                            "to 5 minutes (the pages' max-age)."))
        if page.go_live_at:
            losses.append(_("A go-live is scheduled for %(when)s: it still stands and brings "
                            "the page back then, unless you cancel the schedule.") % {
                "when": formats.date_format(timezone.localtime(page.go_live_at),
                                            "DATETIME_FORMAT")})
        if action == "archive":
            losses.append(_("Its history is kept; a publisher can restore it later, and it "
                            "then needs publishing again."))
        return losses

    @method_decorator(transaction.atomic)
    def revert_view(self, request, object_id, revision_id):
        if not permissions.can(request.user, "revert"):
            return self.refused(request, "revert", object_id)
        try:
            page = self._page(request, object_id, for_update=request.method == "POST")
        except PermissionDenied:
            return self.refused(request, "revert", object_id)
        if request.method != "POST":
            messages.info(request, _("To start a new draft from an earlier revision, use its "
                                     "“New draft from revision” button below."))
            return HttpResponseRedirect(self._url("history", page.pk))
        if not self.has_change_permission(request, page):
            return self.refused(request, "revert", object_id)
        revision = self._revision(page, revision_id)
        workflow.revert(page, revision, user=request.user, note=self._note(request))
        messages.success(request, _("A new draft was made from revision %(id)s.") % {
            "id": revision.pk})
        return HttpResponseRedirect(self._url("history", page.pk))

    def note_view(self, request, object_id, revision_id):
        if not permissions.can(request.user, "note"):
            return self.refused(request, "note", object_id)
        try:
            page = self._page(request, object_id)
        except PermissionDenied:
            return self.refused(request, "note", object_id)
        revision = self._revision(page, revision_id)
        if request.method != "POST":
            return HttpResponseRedirect(self._url("history", page.pk)
                                        + f"#revision-{revision.pk}")
        try:
            workflow.add_note(page, revision, user=request.user,
                              text=request.POST.get("text", "")[:NOTE_MAX_LENGTH])
        except WorkflowError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(self._url("history", page.pk) + f"#revision-{revision.pk}")

    # --- History, compare, preview ------------------------------------------------------------
    def history_view(self, request, object_id, extra_context=None):
        """Revisions with author, time and state; notes; the workflow buttons; the action log."""
        page = self._page(request, object_id)
        revisions = list(page.revisions().select_related("created_by")
                         .prefetch_related("notes__author")[:200])
        log = ActionLog.objects.filter(
            content_type__app_label=self.opts.app_label,
            content_type__model=self.opts.model_name, object_id=page.pk,
        ).select_related("actor")[:200]
        context = {
            **self.admin_site.each_context(request),
            **self.workflow_context(request, page),
            "opts": self.opts, "page": page, "original": page, "title": str(page),
            "revisions": revisions, "log": log,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "editorial/admin/history.html", context)

    def compare_view(self, request, object_id):
        page = self._page(request, object_id)
        revisions = page.revisions()
        default_left = page.live_revision_id or page.latest_revision_id
        left = revisions.filter(pk=_int(request.GET.get("a")) or default_left).first()
        right = revisions.filter(pk=_int(request.GET.get("b")) or page.latest_revision_id).first()
        if left is None or right is None:
            raise Http404
        names = [*page.content_fields, *([self.m2m_content_field]
                                         if self.m2m_content_field else []),
                 *page.review_fields, "correction_note"]
        from core.markdown import sanitize_html

        labels = self.field_labels(request, page)
        old_html, new_html = self.render_fields(left.content), self.render_fields(right.content)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "page": page, "original": page, "left": left, "right": right,
            "title": _("Compare revisions of %(page)s") % {"page": page},
            "fields": diff_fields(left.content, right.content, names, labels),
            "rendered": [
                {"label": _("%(field)s as readers will see it") % {"field": labels.get(source)},
                 "changed": old_html[key] != new_html[key],
                 "html": mark_safe(sanitize_html(diff_html(old_html[key], new_html[key])))}
                for key, source in ((f"{n} (rendered)", s) for n, s in self.rendered_fields.items())
            ],
            "revisions": revisions.select_related("created_by")[:200],
        }
        return TemplateResponse(request, "editorial/admin/compare.html", context)

    def field_labels(self, request, page) -> dict[str, str]:
        """Each content field's name as the change form labels it, for the comparison."""
        labels = {field.name: capfirst(str(field.verbose_name))
                  for field in self.model._meta.get_fields() if hasattr(field, "verbose_name")}
        form = self.get_form(request, page, change=True)
        labels.update({name: str(field.label) for name, field in form.base_fields.items()
                       if field.label})
        return labels

    def render_fields(self, content) -> dict[str, str]:
        """The HTML each markdown field renders to, keyed '<field> (rendered)'."""
        from core.markdown import render_document

        return {f"{name} (rendered)": render_document(content.get(source) or "").html
                for name, source in self.rendered_fields.items()}

    @method_decorator(never_cache)
    def preview_view(self, request, object_id, revision_id):
        """A revision exactly as readers would see it, marked as a preview and never indexed.

        The public template and the public context, built by the kind's own page-context
        function from the page as publishing this revision would leave it.
        """
        if not permissions.can(request.user, "preview"):
            return self.refused(request, "preview", object_id)
        try:
            page = self._page(request, object_id)
        except PermissionDenied:
            return self.refused(request, "preview", object_id)
        revision = self._revision(page, revision_id)
        is_live = preview.is_live_revision(page, revision)
        shown = preview.as_published(page, revision)
        context = {**self.get_preview_context(request, shown, revision),
                   "preview_base": self.preview_template, "preview_revision": revision,
                   "preview_is_live": is_live,
                   "preview_history_url": self._url("history", page.pk)}
        response = TemplateResponse(request, "editorial/preview.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_preview_context(self, request, page, revision) -> dict:
        """The public page's context for ``page``: the same function its public view calls."""
        raise NotImplementedError


ACTION_LABELS = {
    "submit": gettext_lazy("submitted for review"),
    "approve": gettext_lazy("approved"),
    "request_changes": gettext_lazy("changes requested"),
    "publish": gettext_lazy("published"),
    "schedule": gettext_lazy("scheduled"),
    "unschedule": gettext_lazy("schedule cancelled"),
    "unpublish": gettext_lazy("unpublished"),
    "archive": gettext_lazy("archived"),
    "restore": gettext_lazy("restored"),
}


# The button that does each action, and the one line beside it saying what it does.
ACTION_BUTTONS = {
    "submit": gettext_lazy("Submit for review"),
    "approve": gettext_lazy("Approve"),
    "request_changes": gettext_lazy("Request changes"),
    "publish": gettext_lazy("Publish"),
    "schedule": gettext_lazy("Schedule"),
    "unschedule": gettext_lazy("Cancel schedule"),
    "unpublish": gettext_lazy("Yes, unpublish"),
    "archive": gettext_lazy("Yes, archive"),
    "restore": gettext_lazy("Restore"),
}
ACTION_TITLES = {
    "submit": gettext_lazy("Submit “%(page)s” for review"),
    "approve": gettext_lazy("Approve “%(page)s”"),
    "request_changes": gettext_lazy("Request changes to “%(page)s”"),
    "publish": gettext_lazy("Publish “%(page)s”"),
    "schedule": gettext_lazy("Schedule “%(page)s”"),
    "unschedule": gettext_lazy("Cancel the schedule of “%(page)s”"),
    "unpublish": gettext_lazy("Unpublish “%(page)s”?"),
    "archive": gettext_lazy("Archive “%(page)s”?"),
    "restore": gettext_lazy("Restore “%(page)s”"),
}
ACTION_EXPLANATIONS = {
    "submit": gettext_lazy("Asks a clinical reviewer to check this revision."),
    "approve": gettext_lazy("Signs this revision off as clinically accurate; a publisher then "
                            "makes it live."),
    "request_changes": gettext_lazy("Sends this revision back to its author with your note, "
                                    "shown at the top of their edit page."),
    "publish": gettext_lazy("Makes this approved revision what readers see, now."),
    "schedule": gettext_lazy("Makes this approved revision live at the time you choose."),
    "unschedule": gettext_lazy("Cancels the planned go-live; the revision stays approved."),
    "unpublish": gettext_lazy("Takes the page offline for readers at once. Its history is kept "
                              "and it can be published again."),
    "archive": gettext_lazy("Takes the page offline and out of the editorial lists. Its "
                            "history is kept."),
    "restore": gettext_lazy("Brings the archived page back as unpublished. Readers see it "
                            "again only once a publisher publishes it."),
}
ACTION_DESCRIBE = {
    "submit": gettext_lazy("Submits"), "approve": gettext_lazy("Approves"),
    "request_changes": gettext_lazy("Sends back"), "publish": gettext_lazy("Publishes"),
    "schedule": gettext_lazy("Schedules"), "unschedule": gettext_lazy("Cancels the schedule of"),
    "unpublish": gettext_lazy("Takes offline the live"),
    "archive": gettext_lazy("Archives the page at"),
    "restore": gettext_lazy("Restores the page at"),
}
NOTE_LABELS = {
    "submit": gettext_lazy("Note for the reviewer (optional)"),
    "approve": gettext_lazy("Review note (optional)"),
    "request_changes": gettext_lazy("What needs to change"),
    "publish": gettext_lazy("Note (optional)"),
    "schedule": gettext_lazy("Note (optional)"),
    "unschedule": gettext_lazy("Note (optional)"),
    "unpublish": gettext_lazy("Reason"),
    "archive": gettext_lazy("Reason"),
    "restore": gettext_lazy("Reason"),
}
REASON_MISSING = {
    "request_changes": gettext_lazy("Say what needs to change: the author sees this note."),
    "unpublish": gettext_lazy("Give the reason for taking this page offline. It is kept in "
                              "the action log."),
    "archive": gettext_lazy("Give the reason for archiving this page. It is kept in the "
                            "action log."),
    "restore": gettext_lazy("Give the reason for restoring this page. It is kept in the "
                            "action log."),
}
DANGER_ACTIONS = {"unpublish", "archive"}
# The lists a page of each kind appears in while it is live.
LISTED_IN = {
    "articles.article": [gettext_lazy("the list of all articles"), gettext_lazy("site search"),
                         gettext_lazy("the sitemap"), gettext_lazy("the Atom feed")],
    "glossary.term": [gettext_lazy("the glossary"), gettext_lazy("site search"),
                      gettext_lazy("the sitemap"),
                      gettext_lazy("the automatic glossary links in articles")],
    "": [gettext_lazy("site search"), gettext_lazy("the sitemap")],
}
# "Approving needs the Clinical reviewer role."
ACTION_DOING = {
    "submit": gettext_lazy("Submitting for review"), "approve": gettext_lazy("Approving"),
    "request_changes": gettext_lazy("Requesting changes"),
    "publish": gettext_lazy("Publishing"), "schedule": gettext_lazy("Scheduling"),
    "unschedule": gettext_lazy("Cancelling a schedule"),
    "unpublish": gettext_lazy("Unpublishing"), "archive": gettext_lazy("Archiving"),
    "restore": gettext_lazy("Restoring"), "revert": gettext_lazy("Starting a draft from an "
                                                                 "earlier revision"),
    "preview": gettext_lazy("Previewing revisions"), "note": gettext_lazy("Adding notes"),
}


class ActionForm(forms.Form):
    """The note (a reason, for actions readers feel) and, to schedule, the go-live time."""

    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 4}))
    go_live_at = forms.CharField(
        label=gettext_lazy("Go live at"), required=True,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"required": gettext_lazy("Enter the go-live time as a date and time.")})

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.fields["note"]
        note.label = NOTE_LABELS[action]
        if action in REASON_MISSING:
            note.required = True
            note.error_messages["required"] = REASON_MISSING[action]
            note.help_text = (_("Required. The author sees it on their edit page.")
                              if action == "request_changes" else
                              _("Required. Kept in the action log with your name."))
        if action != "schedule":
            del self.fields["go_live_at"]

    def clean_go_live_at(self):
        moment = parse_go_live(self.cleaned_data["go_live_at"])
        if moment is None:
            raise forms.ValidationError(_("Enter the go-live time as a date and time."))
        return moment


def roles_for(action: str) -> list[str]:
    """The editorial roles holding an action's permission (administrators hold all)."""
    codename = permissions.ACTION_PERMISSIONS[action].split(".", 1)[1]
    return [role for role, codenames in roles.EDITORIAL_ACTIONS.items() if codename in codenames]


def refusal_message(action: str) -> str:
    names = [_(role) for role in roles_for(action)]
    if not names:
        return _("%(doing)s needs the Administrator role.") % {
            "doing": ACTION_DOING.get(action, action)}
    return _("%(doing)s needs the %(roles)s role.") % {
        "doing": ACTION_DOING.get(action, action), "roles": _(" or ").join(names)}


def changes_requested_entry(page):
    """The reviewer's "changes requested" log entry, while it is the last word on the page."""
    from django.contrib.contenttypes.models import ContentType

    last = (ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        object_id=page.pk,
        action__in=[ActionLog.Action.SUBMIT, ActionLog.Action.APPROVE,
                    ActionLog.Action.REQUEST_CHANGES, ActionLog.Action.PUBLISH])
        .select_related("actor__reviewer_profile").first())
    if last is not None and last.action == ActionLog.Action.REQUEST_CHANGES:
        return last
    return None


def state_meaning(page) -> str:
    """What the page's state means for readers and who acts next, in one sentence."""
    from editorial.models import WorkflowState

    if page.archived_at:
        return _("Readers cannot see it. A publisher can restore it.")
    if page.go_live_at:
        if page.live:
            return _("Readers see the live revision; an approved revision replaces it at the "
                     "scheduled time.")
        return _("Readers cannot see this page yet; an approved revision goes live at the "
                 "scheduled time.")
    latest_is_live = page.latest_revision_id == page.live_revision_id
    readers = (_("Readers see the live revision.") if page.live
               else _("Readers cannot see this page."))
    if page.live and latest_is_live:
        return _("Readers see the latest revision; nothing is waiting.")
    if not page.live and page.live_revision_id and latest_is_live:
        return _("It was taken offline; readers cannot see it. A publisher can publish it "
                 "again after a clinical review.")
    nxt = {
        WorkflowState.DRAFT: _("The latest revision is a draft: its author submits it for "
                               "review when it is ready."),
        WorkflowState.IN_REVIEW: _("The latest revision waits for a clinical reviewer."),
        WorkflowState.CHANGES_REQUESTED: _("A clinical reviewer asked for changes: the author "
                                           "edits and submits again."),
        WorkflowState.APPROVED: _("The latest revision is approved and waits for a publisher."),
    }.get(page.workflow_state, "")
    return f"{readers} {nxt}".strip()


def nothing_to_do(page) -> str:
    """Said instead of an empty list of actions."""
    from editorial.models import WorkflowState

    if page.live and page.latest_revision_id == page.live_revision_id and not page.go_live_at:
        return _("Nothing for you to do now: readers see the latest revision. A new change "
                 "starts with an edit by an author.")
    waiting = {
        WorkflowState.DRAFT: _("Nothing for you to do now: the draft waits for its author to "
                               "submit it for review."),
        WorkflowState.IN_REVIEW: _("Nothing for you to do now: the revision waits for a "
                                   "clinical reviewer."),
        WorkflowState.CHANGES_REQUESTED: _("Nothing for you to do now: the author is making "
                                           "the requested changes."),
        WorkflowState.APPROVED: _("Nothing for you to do now: the approved revision waits "
                                  "for a publisher."),
    }
    return waiting.get(page.workflow_state, _("Nothing for you to do on this page now."))


def applicable_actions(page) -> set[str]:
    """The actions that make sense for the page as it stands (the workflow checks again)."""
    from editorial.models import WorkflowState

    state = page.workflow_state
    latest_is_live = page.live and page.latest_revision_id == page.live_revision_id
    actions = {"preview", "note", "revert"}
    if state in (WorkflowState.DRAFT, WorkflowState.CHANGES_REQUESTED) and not latest_is_live:
        actions.add("submit")
    if state == WorkflowState.IN_REVIEW:
        actions |= {"approve", "request_changes"}
    elif latest_is_live:
        actions.add("approve")  # a periodic review of unchanged live content
    if (state == WorkflowState.APPROVED and page.approved_revision_id == page.latest_revision_id
            and not latest_is_live and not page.archived_at):
        actions |= {"publish", "schedule"}
    if page.go_live_at:
        actions.add("unschedule")
    if page.live:
        actions.add("unpublish")
    actions.add("restore" if page.archived_at else "archive")
    return actions


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_go_live(value: str):
    """A go-live time from a datetime-local field, in the site's time zone; None if invalid."""
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
