from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("glossary/", include("glossary.urls")),
    path("", include("articles.urls")),
]

handler500 = "config.views.server_error"
