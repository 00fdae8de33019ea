"""The leaflet's admin: a page kind's whole admin is a subclass of the workflow admin."""

from django.contrib import admin

from editorial.page_admin import PageWorkflowAdmin
from tests.extra_kind.models import Leaflet


@admin.register(Leaflet)
class LeafletAdmin(PageWorkflowAdmin):
    list_display = ["title", "slug", "state_label"]
    fields = ["title", "slug", "summary", "body", "language"]
