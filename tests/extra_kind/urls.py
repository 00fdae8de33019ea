"""The site's URLs plus the leaflets' (``ROOT_URLCONF`` in the tests that register the kind)."""

from django.urls import include, path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns
from tests.extra_kind import views

leaflet_patterns = ([path("<slug:slug>/", views.leaflet, name="leaflet")], "extra_kind")

urlpatterns = [path("leaflets/", include(leaflet_patterns)), *site_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
