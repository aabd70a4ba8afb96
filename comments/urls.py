from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comment/", views.comment_page, name="post"),
    path("articles/<slug:slug>/comment/form/", views.comment_form_fragment, name="form"),
]
