"""Template tags for what search engines and link previews read."""

import html

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import strip_tags

from glossary.templatetags.structured_data import json_ld
from seo import structured_data
from seo.middleware import page_number

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The plain text of block ``name`` of the page being rendered.

    Lets meta.html repeat the page's <title> and description in Open Graph and Twitter tags
    without every template saying them twice. An include renders in its own render-context
    layer, so the page's blocks are looked up in the layers below it.
    """
    for layer in reversed(context.render_context.dicts):
        if BLOCK_CONTEXT_KEY in layer:
            block = layer[BLOCK_CONTEXT_KEY].get_block(name)
            break
    else:
        return ""
    if block is None:
        return ""
    with context.push():
        rendered = block.nodelist.render(context)
    return " ".join(html.unescape(strip_tags(rendered)).split())


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's absolute address on SITE_URL (a view may pass ``canonical_url`` itself)."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context.get("request")
    if request is None:
        return settings.SITE_URL + "/"
    url = settings.SITE_URL + request.path
    # Only the page number chooses different content; tracking tags and the like don't.
    number = page_number(request.GET.get("page", ""))
    if number and number > 1:
        url += f"?page={number}"
    return url


@register.simple_tag
def article_structured_data(article, topics=None, breadcrumbs=None):
    """The article's JSON-LD; pass the topics and breadcrumbs the page shows, when it has them."""
    return json_ld(structured_data.medical_web_page(article, topics, breadcrumbs))
