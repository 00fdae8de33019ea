"""Reviewer profiles in the admin: on the user's own page for administrators, and a
"My reviewer profile" page where each clinical reviewer keeps their public name and credentials.

Every change is written to the action log. Pages already reviewed keep the name and
credentials recorded at their review (``ReviewerProfile.recorded``); a change shows on a page
from its next review.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editorial.models import ActionLog, MyReviewerProfile, ReviewerProfile

REVIEWER_PERMISSION = "editorial.approve_revision"


def log_profile_change(profile, before: tuple[str, str] | None, *, actor) -> None:
    """One action-log entry saying what changed, from what, and by whom."""
    after = (profile.display_name, profile.credentials)
    if before == after:
        return
    if before is None:
        note = _("Profile created: %(name)s, %(credentials)s.") % {
            "name": after[0], "credentials": after[1]}
    else:
        changes = []
        if before[0] != after[0]:
            changes.append(_("public name “%(old)s” → “%(new)s”") % {"old": before[0],
                                                                   "new": after[0]})
        if before[1] != after[1]:
            changes.append(_("credentials “%(old)s” → “%(new)s”") % {"old": before[1],
                                                                   "new": after[1]})
        note = _("Changed: %(changes)s. Pages show it from their next review.") % {
            "changes": "; ".join(changes)}
    ActionLog.record(profile, ActionLog.Action.REVIEWER_PROFILE, actor=actor, note=note)


def _values(profile) -> tuple[str, str] | None:
    if profile is None or profile.pk is None:
        return None
    stored = ReviewerProfile.objects.filter(pk=profile.pk).values_list(
        "display_name", "credentials").first()
    return tuple(stored) if stored else None


# --- On the user's page, for administrators -----------------------------------------------------
class ReviewerProfileInline(admin.StackedInline):
    model = ReviewerProfile
    fields = ["display_name", "credentials"]
    can_delete = True
    max_num = 1
    extra = 1
    verbose_name = gettext_lazy("reviewer profile (for clinical reviewers)")
    verbose_name_plural = gettext_lazy("reviewer profile (for clinical reviewers)")


class UserWithReviewerProfileAdmin(UserAdmin):
    """Django's user admin, with the person's reviewer profile on the same page."""

    inlines = [ReviewerProfileInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # the add form asks only for a password

    def save_formset(self, request, form, formset, change):
        if formset.model is not ReviewerProfile:
            return super().save_formset(request, form, formset, change)
        before = {f.instance.pk: _values(f.instance) for f in formset.forms if f.instance.pk}
        super().save_formset(request, form, formset, change)
        for profile in formset.new_objects + [obj for obj, _fields in formset.changed_objects]:
            log_profile_change(profile, before.get(profile.pk), actor=request.user)


user_model = get_user_model()
if admin.site.is_registered(user_model):
    admin.site.unregister(user_model)
admin.site.register(user_model, UserWithReviewerProfileAdmin)


# --- "My reviewer profile", for each clinical reviewer ------------------------------------------
class MyProfileForm(forms.ModelForm):
    class Meta:
        model = ReviewerProfile
        fields = ["display_name", "credentials"]
        help_texts = {"display_name": gettext_lazy(
            'As readers should see it, e.g. "Dr Ana Rivera".')}
        error_messages = {
            "display_name": {"required": gettext_lazy("Enter the name readers should see.")},
            "credentials": {"required": gettext_lazy("Enter your credentials.")},
        }

    def clean_display_name(self):
        value = " ".join(self.cleaned_data["display_name"].split())
        if not value:
            raise forms.ValidationError(_("Enter the name readers should see."))
        return value

    def clean_credentials(self):
        value = " ".join(self.cleaned_data["credentials"].split())
        if not value:
            raise forms.ValidationError(_("Enter your credentials."))
        return value


@admin.register(MyReviewerProfile)
class MyReviewerProfileAdmin(admin.ModelAdmin):
    """One page per reviewer, their own profile only; no list, no one else's profile."""

    def _may_review(self, request) -> bool:
        return request.user.is_active and request.user.has_perm(REVIEWER_PERMISSION)

    def has_module_permission(self, request):
        return self._may_review(request)

    def has_view_permission(self, request, obj=None):
        return self._may_review(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_model_perms(self, request):
        return {"view": self._may_review(request)}

    def changelist_view(self, request, extra_context=None):
        if not self._may_review(request):
            raise PermissionDenied
        profile = ReviewerProfile.objects.filter(user=request.user).first()
        before = _values(profile)
        form = MyProfileForm(request.POST if request.method == "POST" else None,
                             instance=profile or ReviewerProfile(user=request.user))
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                saved = form.save()
                log_profile_change(saved, before, actor=request.user)
            messages.success(request, _("Your reviewer profile is saved. Pages you review from "
                                        "now on show it; pages you reviewed before keep what "
                                        "they showed until their next review."))
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "title": _("My reviewer profile"), "form": form,
            "profile": profile, **(extra_context or {}),
        }
        return TemplateResponse(request, "editorial/admin/my_reviewer_profile.html", context)
