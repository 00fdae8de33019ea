"""Template tags for what search engines and link previews read."""

import html

from django import template
from django.conf import settings
from django.utils.html import strip_tags

from core.templatetags.structured_data import json_ld
from seo import structured_data
from seo.middleware import page_number

register = template.Library()


@register.tag
def capture_text(parser, token):
    """``{% capture_text name %}...{% endcapture_text %}``: writes what it encloses unchanged
    and keeps its plain text (tags stripped, entities decoded, spaces collapsed) as ``name``
    for the rest of the template.

    base.html wraps its <title> and description blocks in it, so meta.html repeats whatever
    the page put in them in Open Graph and Twitter tags without every template saying them
    twice (the blocks stay overridable: Django finds blocks inside any tag's nodelist).
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one variable name.")
    nodelist = parser.parse(("endcapture_text",))
    parser.delete_first_token()
    return CaptureTextNode(nodelist, bits[1])


class CaptureTextNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        rendered = self.nodelist.render(context)
        context[self.name] = " ".join(html.unescape(strip_tags(rendered)).split())
        return rendered


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
