from django.urls import path

from pages import views
from pages.models import TOP_LEVEL_SLUGS

app_name = "pages"
urlpatterns = [
    *(path(f"{slug}/", views.page_detail, {"slug": slug}, name=slug) for slug in TOP_LEVEL_SLUGS),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
]
