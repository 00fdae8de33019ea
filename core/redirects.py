"""Old addresses keep working: a changed slug answers 301, a page taken down answers 410."""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render


def follow_old_slugs(model, history_model, page_field):
    """Decorate a detail view taking ``slug``: when it finds no live page, answer instead

    - 301 to the live page that used to have this slug (``history_model`` rows, whose
      ``page_field`` points to the page), so links and search results keep working;
    - 410 Gone when the page with this slug was archived, so search engines drop it;
    - otherwise the view's own 404.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            try:
                return view(request, slug, *args, **kwargs)
            except Http404:
                moved = (history_model.objects.filter(old_slug=slug)
                         .values_list(page_field, flat=True).first())
                page = model.objects.live().filter(pk=moved).first() if moved else None
                if page is not None:
                    return redirect(page, permanent=True)
                archived = model.objects.filter(archived_at__isnull=False)
                if archived.filter(slug=slug).exists() or (
                    moved and archived.filter(pk=moved).exists()
                ):
                    return gone(request)
                raise

        return wrapper

    return decorator


def gone(request):
    """410: the page was taken down on purpose, so search engines drop it."""
    return render(request, "410.html", status=410)
