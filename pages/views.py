from django.shortcuts import get_object_or_404, redirect, render

from core import cache_tags, kinds
from core.redirects import follow_old_slugs
from pages import page_context
from pages.models import TOP_LEVEL_SLUGS, Page


@follow_old_slugs(Page)
def page_detail(request, slug):
    if slug in TOP_LEVEL_SLUGS and request.resolver_match.url_name == "page":
        return redirect("pages:" + slug, permanent=True)
    page = get_object_or_404(kinds.public(Page.objects.live()), slug=slug)
    return cache_tags.tag(
        render(request, page_context.TEMPLATE, page_context.site_page_context(page)),
        cache_tags.item_tag(page))
