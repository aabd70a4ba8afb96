from django.urls import path

from . import views

app_name = "multimedia"
urlpatterns = [
    path("video/<int:pk>/", views.VideoView.as_view(), name="video"),
]
