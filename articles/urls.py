from django.urls import path, re_path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("category/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_feed"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("articles/<slug:slug>/save/", views.ArticleSaveView.as_view(), name="save"),
    path("articles/<slug:slug>/files/<int:pk>/", views.attachment_download, name="attachment"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.ArchiveMonthView.as_view(),
            name="archive_month"),
    path("search/", views.SearchView.as_view(), name="search"),
]
