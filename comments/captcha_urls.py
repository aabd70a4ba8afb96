"""The captcha's own URLs, included before captcha.urls: its new-image answer rate-limited, and
its code spoken in the page's language (comments.audio)."""

from django.urls import path, re_path

from . import audio, views

urlpatterns = [
    path("refresh/", views.captcha_refresh, name="captcha-refresh"),
    re_path(r"^audio/(?P<language>[a-z]{2})/(?P<key>\w{1,64})\.wav$", audio.captcha_audio,
            name="captcha-audio-spoken"),
]
