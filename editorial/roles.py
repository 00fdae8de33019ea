"""The four editorial roles, as Django groups, and the permissions each one holds.

Roles are described by rules rather than lists of rows, so a new page kind (``core.kinds``)
gets the same roles without a hand edit: the data
migration builds the groups, and ``sync_roles`` (run after every ``migrate``) adds the
permissions of kinds that arrived later. Syncing only ever adds permissions, so an
administrator's own changes to a group are kept.
"""

from __future__ import annotations

AUTHOR = "Author"
CLINICAL_REVIEWER = "Clinical reviewer"
PUBLISHER = "Publisher"
ADMINISTRATOR = "Administrator"
ROLE_NAMES = (AUTHOR, CLINICAL_REVIEWER, PUBLISHER, ADMINISTRATOR)

# Editorial actions (permissions on editorial.Revision) per role.
EDITORIAL_ACTIONS = {
    AUTHOR: {"submit_revision", "revert_revision", "preview_revision", "add_revisionnote",
             "view_revisionnote", "view_reviewdashboard"},
    CLINICAL_REVIEWER: {"approve_revision", "request_changes", "preview_revision",
                        "add_revisionnote", "view_revisionnote", "view_reviewdashboard"},
    PUBLISHER: {"publish_page", "schedule_page", "unpublish_page", "archive_page",
                "preview_revision", "view_revisionnote", "view_reviewdashboard",
                "view_actionlog"},
}
# Model permissions on every kind of revisioned page, per role.
PAGE_ACTIONS = {
    AUTHOR: {"add", "change", "view"},
    CLINICAL_REVIEWER: {"view"},
    PUBLISHER: {"view"},
}
# Other models a role works with: (app_label, model_name) -> actions.
OTHER_MODELS = {
    AUTHOR: {("articles", "topic"): {"view"}, ("search", "searchquerycount"): {"view"}},
    PUBLISHER: {("articles", "topic"): {"add", "change", "view"},
                ("search", "searchquerycount"): {"view"}},
}


def page_models_in(apps) -> list:
    """The registered page kinds' models as ``apps`` has them (a migration's historical
    state may not have them all yet)."""
    from core.kinds import page_kinds

    found = []
    for kind in page_kinds():
        try:
            found.append(apps.get_model(kind.label))
        except LookupError:
            continue
    return found


def wanted_permissions(apps) -> dict[str, set[tuple[str, str]]]:
    """(app_label, codename) pairs each role should hold."""
    wanted: dict[str, set[tuple[str, str]]] = {name: set() for name in ROLE_NAMES}
    for role, codenames in EDITORIAL_ACTIONS.items():
        wanted[role] |= {("editorial", codename) for codename in codenames}
    for role, actions in PAGE_ACTIONS.items():
        for model in page_models_in(apps):
            wanted[role] |= {(model._meta.app_label, f"{action}_{model._meta.model_name}")
                             for action in actions}
    for role, models in OTHER_MODELS.items():
        for (app_label, model_name), actions in models.items():
            wanted[role] |= {(app_label, f"{action}_{model_name}") for action in actions}
    return wanted


def sync_roles(apps, *, verbosity=0) -> None:
    """Create the role groups and add the permissions they should hold."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    all_permissions = {
        (app_label, codename): pk for pk, app_label, codename in
        Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    for role, pairs in wanted_permissions(apps).items():
        group, _ = Group.objects.get_or_create(name=role)
        if role == ADMINISTRATOR:
            ids = list(all_permissions.values())
        else:
            ids = [all_permissions[pair] for pair in pairs if pair in all_permissions]
        group.permissions.add(*ids)


def create_all_permissions(apps) -> None:
    """Permissions are normally made after migrating; the role migration needs them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
