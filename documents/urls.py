from django.urls import path

from . import feeds, views

app_name = "documents"

urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="list"),
    path("documents/rss/", feeds.LatestDocumentsFeed(), name="feed"),
    path("documents/drafts/", views.DraftListView.as_view(), name="drafts"),
    path("documents/<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("documents/<slug:slug>/files/<int:pk>/", views.file_download, name="file"),
    path("documents/<slug:slug>/files/<int:pk>/view/", views.file_view, name="file_view"),
    path("documents/<slug:slug>/opinion/", views.opinion_page, name="opinion"),
]
