from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Topic
from editorial.models import ActionLog


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position", "about_type"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "live", "has_unpublished_changes", "last_published_at"]
    list_filter = ["live", "topics"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    readonly_fields = ["live", "first_published_at", "last_published_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topics", "body"]}),
        (_("Structured fields"), {"fields": ["key_points", "references", "notices",
                                             "glossary_exclude", "language"]}),
        (_("Publishing"), {"fields": ["live", "first_published_at", "last_published_at"]}),
    ]

    @admin.display(boolean=True, description=_("Unpublished changes"))
    def has_unpublished_changes(self, obj):
        return obj.has_unpublished_changes

    def get_object(self, request, object_id, from_field=None):
        """Edit the latest draft, not the live row, when the two differ."""
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.latest_revision and obj.has_unpublished_changes:
            obj.apply_content(obj.latest_revision.content)
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        pending = getattr(obj, "_pending_topics", None)
        if pending is not None:
            form.base_fields["topics"].initial = list(
                Topic.objects.filter(slug__in=pending).values_list("pk", flat=True)
            )
        return form

    def save_model(self, request, obj, form, change):
        """Every save is a new revision; a live page keeps its live content until published."""
        content = obj.serialize_content()
        content["topics"] = sorted(topic.slug for topic in form.cleaned_data.get("topics", []))
        revision = obj.save_revision(user=request.user, content=content)
        action = ActionLog.Action.EDIT if change else ActionLog.Action.CREATE
        ActionLog.record(obj, action, actor=request.user, revision=revision)

    def save_related(self, request, form, formsets, change):
        # Topics travel inside the revision (see save_model), so the live page's topics
        # don't change before the revision is published.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
