from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from seo.sitemaps import sitemaps as sitemap_sections
from seo.structured_data import absolute

SITEMAP_SECTION_URL_NAME = "seo:sitemap-section"
URLS_PER_SITEMAP = 50_000  # the sitemap protocol's limit
SITEMAP_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
SITEMAP_TAIL = "</urlset>\n"

# Not for crawlers: the editorial admin (which is also where staff preview unpublished
# revisions) and search results (endless thin pages; they also say noindex).
SEARCH_PATH = "/search/"


@require_safe
def robots_txt(request):
    # Not the admin's path: robots.txt is public, and a moved ADMIN_URL is meant to stay
    # unlisted. The admin keeps itself out of indexes with X-Robots-Tag: noindex instead.
    disallowed = [SEARCH_PATH]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed), "Allow: /", "",
             f"Sitemap: {absolute(reverse('seo:sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """One sitemap, or a sitemap index once there are more URLs than one sitemap may hold."""
    sitemaps = {section: make() for section, make in sitemap_sections().items()}
    if sum(site.paginator.count for site in sitemaps.values()) > URLS_PER_SITEMAP:
        return _sitemap_index(request, sitemaps)
    return _rendered(sitemap_views.sitemap(request, sitemaps, template_name=None))


@require_safe
def sitemap_section(request, section):
    make = sitemap_sections().get(section)
    if make is None:
        raise Http404("No such sitemap")
    return _rendered(sitemap_views.sitemap(request, {section: make()},
                                           section=section, template_name=None))


def _rendered(response):
    """Django's sitemap view (pages, 404s, Last-Modified), written out without a template.

    Each URL is its ``loc`` and, when known, its ``lastmod`` (no priority, changefreq or
    language alternates: this site gives none). Joining strings takes a tenth of the time
    the template engine needs for 50,000 URLs; the view's response is never rendered.
    """
    lines = [f"<url><loc>{escape(url['location'])}</loc>"
             + (f"<lastmod>{url['lastmod_w3c']}</lastmod>" if url["lastmod_w3c"] else "")
             + "</url>\n" for url in response.context_data["urlset"]]
    fast = HttpResponse("".join([SITEMAP_HEAD, *lines, SITEMAP_TAIL]),
                        content_type=response.headers["Content-Type"])
    for header, value in response.headers.items():
        fast.headers[header] = value
    return fast


def _sitemap_index(request, sitemaps):
    # Django's index view takes the host from the request; a sitemap index must name SITE_URL.
    entries = []
    for section, site in sitemaps.items():
        url = absolute(reverse(SITEMAP_SECTION_URL_NAME, kwargs={"section": section}))
        lastmod = site.get_latest_lastmod()
        entries.append({"location": url, "lastmod": lastmod})
        entries.extend({"location": f"{url}?p={number}", "lastmod": lastmod}
                       for number in range(2, site.paginator.num_pages + 1))
    response = render(request, "seo/sitemap_index.xml", {"sitemaps": entries},
                      content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response

