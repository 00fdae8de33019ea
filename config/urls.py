from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config import icons, views
from editor import views as editor_views

urlpatterns = [
    # The editor's staff-only endpoints, before the admin's catch-all (editor/urls.py).
    path(f"{settings.ADMIN_URL}editor/", include("editor.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path(f"{settings.MEDIA_URL.strip('/')}/editor/<str:name>", editor_views.media,
         name="editor_media"),
    path("healthz", views.healthz, name="healthz"),
    path("site.webmanifest", icons.web_manifest, name="web_manifest"),
    path("", include("seo.urls")),
    path("glossary/", include("glossary.urls")),
    path("search/", include("search.urls")),
    path("feedback/", include("feedback.urls")),
    path("", include("pages.urls")),
    path("", include("articles.urls")),
]

handler500 = "config.views.server_error"
