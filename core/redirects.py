"""Old addresses keep working: a changed slug answers 301, a page taken down answers 410."""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render

from core.models import SlugHistory


def follow_old_slugs(model):
    """Decorate a detail view of a page kind (``model``) taking ``slug``: when the view finds
    no live page, answer instead

    - 410 Gone when the page that has this slug now, or had it before, was archived, so
      search engines drop it;
    - 301 to the live page that used to have this slug (``core.models.SlugHistory``), so
      links and search results keep working;
    - otherwise the view's own 404 (also when a draft now holds the slug: the address is
      the draft's, and will be its page once published).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            try:
                return view(request, slug, *args, **kwargs)
            except Http404:
                holder = model.objects.filter(slug=slug).values_list("archived_at").first()
                if holder is not None:
                    if holder[0] is not None:
                        return gone(request)
                    raise
                moved = SlugHistory.moved_to(model, slug)
                if moved:
                    page = model.objects.live().filter(pk=moved).first()
                    if page is not None:
                        return redirect(page, permanent=True)
                    if model.objects.filter(pk=moved, archived_at__isnull=False).exists():
                        return gone(request)
                raise

        return wrapper

    return decorator


def moved_page(model, slug):
    """The live page of kind ``model`` that used to have ``slug``, or None."""
    moved = SlugHistory.moved_to(model, slug)
    return model.objects.live().filter(pk=moved).first() if moved else None


def gone(request):
    """410: the page was taken down on purpose, so search engines drop it."""
    return render(request, "410.html", status=410)
