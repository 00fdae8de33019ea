"""The admin for every kind of revisioned page: drafts, the workflow buttons, history, preview.

Every view here checks permission itself (``editorial.permissions``), so a hidden button
is a convenience, never the protection. Kind-specific admins (articles, glossary, pages)
subclass ``PageWorkflowAdmin`` and say how to read relations from the form and how to
render a preview with their public template.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from editorial import permissions, preview, states, workflow
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


class PageWorkflowAdmin(admin.ModelAdmin):
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
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
        live_interval = (type(obj).objects.filter(pk=obj.pk)
                         .values_list("review_interval_months", flat=True).first())
        revision = obj.save_revision(user=request.user, content=content)
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
        queryset = self.model._default_manager.all()
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
    @method_decorator(require_POST)
    @method_decorator(transaction.atomic)
    def transition_view(self, request, object_id, action):
        if action not in TRANSITIONS:
            raise Http404
        permissions.require(request.user, action)
        page = self._page(request, object_id, for_update=True)
        kwargs = {"user": request.user, "note": self._note(request),
                  "seen": workflow.Seen.from_post(request.POST)}
        if action == "schedule":
            go_live_at = parse_go_live(request.POST.get("go_live_at", ""))
            if go_live_at is None:
                messages.error(request, _("Enter the go-live time as a date and time."))
                return HttpResponseRedirect(self._url("history", page.pk))
            kwargs["go_live_at"] = go_live_at
        try:
            TRANSITIONS[action](page, **kwargs)
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Done: %(action)s.") % {
                "action": ACTION_LABELS.get(action, action)})
        return HttpResponseRedirect(self._url("history", page.pk))

    @method_decorator(require_POST)
    @method_decorator(transaction.atomic)
    def revert_view(self, request, object_id, revision_id):
        permissions.require(request.user, "revert")
        page = self._page(request, object_id, for_update=True)
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        revision = self._revision(page, revision_id)
        workflow.revert(page, revision, user=request.user, note=self._note(request))
        messages.success(request, _("A new draft was made from revision %(id)s.") % {
            "id": revision.pk})
        return HttpResponseRedirect(self._url("history", page.pk))

    @method_decorator(require_POST)
    def note_view(self, request, object_id, revision_id):
        permissions.require(request.user, "note")
        page = self._page(request, object_id)
        revision = self._revision(page, revision_id)
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
            "opts": self.opts, "page": page, "original": page, "title": str(page),
            "revisions": revisions, "log": log,
            "allowed": permissions.allowed_actions(request.user) & applicable_actions(page),
            "latest_is_live": page.live and page.latest_revision_id == page.live_revision_id,
            "can_change": self.has_change_permission(request, page),
            "self_authored": bool(page.latest_revision and not workflow.self_approval_allowed()
                                  and request.user.pk in workflow.authors_since_last_approval(
                                      page, page.latest_revision)),
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
        from articles.markdown import sanitize_html

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
        from articles.markdown import render_document

        return {f"{name} (rendered)": render_document(content.get(source) or "").html
                for name, source in self.rendered_fields.items()}

    @method_decorator(never_cache)
    def preview_view(self, request, object_id, revision_id):
        """A revision exactly as readers would see it, marked as a preview and never indexed.

        The public template and the public context, built by the kind's own page-context
        function from the page as publishing this revision would leave it.
        """
        permissions.require(request.user, "preview")
        page = self._page(request, object_id)
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
    from django.utils import timezone

    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
