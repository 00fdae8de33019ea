from django.urls import path

from feedback import views

app_name = "feedback"
urlpatterns = [
    path("helpful/", views.helpful, name="helpful"),
    path("report/", views.report, name="report"),
    path("thanks/", views.thanks, name="thanks"),
]
