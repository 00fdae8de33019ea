from django.urls import path

from seo import feeds, views

app_name = "seo"
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("feeds/articles.atom", feeds.ArticleFeed(), name="article-feed"),
]
