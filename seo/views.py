from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from seo.sitemaps import SITEMAPS
from seo.structured_data import absolute

SITEMAP_SECTION_URL_NAME = "seo:sitemap-section"
URLS_PER_SITEMAP = 50_000  # the sitemap protocol's limit
# Django's own template, without the language alternates this site doesn't use: a third of
# the time for 50,000 URLs.
SITEMAP_TEMPLATE = "seo/sitemap.xml"

# Not for crawlers: the editorial admin (which is also where staff preview unpublished
# revisions) and search results (endless thin pages; they also say noindex).
SEARCH_PATH = "/search/"


@require_safe
def robots_txt(request):
    disallowed = ["/" + settings.ADMIN_URL, SEARCH_PATH]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed), "Allow: /", "",
             f"Sitemap: {absolute(reverse('seo:sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """One sitemap, or a sitemap index once there are more URLs than one sitemap may hold."""
    sitemaps = {section: cls() for section, cls in SITEMAPS.items()}
    if sum(site.paginator.count for site in sitemaps.values()) > URLS_PER_SITEMAP:
        return _sitemap_index(request, sitemaps)
    return sitemap_views.sitemap(request, sitemaps, template_name=SITEMAP_TEMPLATE)


@require_safe
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404("No such sitemap")
    return sitemap_views.sitemap(request, {section: SITEMAPS[section]()}, section=section,
                                 template_name=SITEMAP_TEMPLATE)


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

