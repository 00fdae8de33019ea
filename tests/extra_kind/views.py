from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import format_html

from tests.extra_kind.models import Leaflet


def leaflet(request, slug):
    page = get_object_or_404(Leaflet.objects.live(), slug=slug)
    return HttpResponse(format_html("<!doctype html><title>{}</title><h1>{}</h1>{}",
                                    page.title, page.title, page.body_html))
