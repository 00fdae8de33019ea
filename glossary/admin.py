from django.contrib import admin
from django.db.models import Q

from editorial.models import ActionLog
from glossary.models import Term, TermSlugHistory


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["term", "slug", "category", "live", "last_published_at"]
    list_filter = ["category", "live"]
    search_fields = ["term", "slug", "short_definition"]
    prepopulated_fields = {"slug": ["term"]}
    filter_horizontal = ["related"]
    readonly_fields = ["live", "first_published_at", "last_published_at"]
    fields = ["term", "slug", "aliases", "short_definition", "definition", "category", "related",
              "language", "live", "first_published_at", "last_published_at"]

    def get_search_results(self, request, queryset, search_term):
        """Search aliases too, on any database (they are a JSON list)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        needle = search_term.strip().casefold()
        if needle:
            alias_matches = [
                pk for pk, aliases in Term.objects.values_list("pk", "aliases")
                if any(needle in alias.casefold() for alias in aliases or [])
            ]
            queryset = queryset | self.model.objects.filter(Q(pk__in=alias_matches))
        return queryset, may_have_duplicates

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.latest_revision and obj.has_unpublished_changes:
            obj.apply_content(obj.latest_revision.content)
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        pending = getattr(obj, "_pending_related", None)
        if pending is not None:
            form.base_fields["related"].initial = list(
                Term.objects.filter(slug__in=pending).values_list("pk", flat=True)
            )
        return form

    def save_model(self, request, obj, form, change):
        content = obj.serialize_content()
        content["related"] = sorted(t.slug for t in form.cleaned_data.get("related", []))
        revision = obj.save_revision(user=request.user, content=content)
        action = ActionLog.Action.EDIT if change else ActionLog.Action.CREATE
        ActionLog.record(obj, action, actor=request.user, revision=revision)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(TermSlugHistory)
class TermSlugHistoryAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "term", "created_at"]
    search_fields = ["old_slug", "term__term"]
