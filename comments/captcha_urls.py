"""The captcha's own URLs, its new-image answer rate-limited (included before captcha.urls)."""

from django.urls import path

from . import views

urlpatterns = [path("refresh/", views.captcha_refresh, name="captcha-refresh")]
