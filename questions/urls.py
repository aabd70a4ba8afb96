from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("questions/", views.question_list, name="list"),
    path("questions/ask/", views.ask, name="ask"),
    path("questions/field/<slug:slug>/", views.topic_list, name="field"),
    path("questions/<int:pk>/", views.question_detail, name="detail"),
]
