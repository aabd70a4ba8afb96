from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("beacon", views.beacon, name="beacon"),
]
