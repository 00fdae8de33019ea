"""The editor's endpoints, mounted under the admin path (see config/urls.py).

The names are the ones django-markdownx's widget looks for.
"""

from django.urls import path

from editor import views

urlpatterns = [
    path("markdownify/", views.markdownify, name="markdownx_markdownify"),
    path("upload/", views.upload, name="markdownx_upload"),
    path("checks/", views.writing_checks, name="editor_checks"),
]
