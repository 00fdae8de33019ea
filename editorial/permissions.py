"""Who may do what: one place, used by every admin view and action (never by hiding buttons)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

# Editorial action -> the permission it needs (on editorial.Revision).
ACTION_PERMISSIONS = {
    "submit": "editorial.submit_revision",
    "approve": "editorial.approve_revision",
    "request_changes": "editorial.request_changes",
    "publish": "editorial.publish_page",
    "schedule": "editorial.schedule_page",
    "unschedule": "editorial.schedule_page",
    "unpublish": "editorial.unpublish_page",
    "archive": "editorial.archive_page",
    "restore": "editorial.archive_page",
    "revert": "editorial.revert_revision",
    "preview": "editorial.preview_revision",
    "note": "editorial.add_revisionnote",
}


def can(user, action: str) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(ACTION_PERMISSIONS[action]))


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied


def allowed_actions(user) -> set[str]:
    return {action for action in ACTION_PERMISSIONS if can(user, action)}
