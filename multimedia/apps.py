from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MultimediaConfig(AppConfig):
    name = "multimedia"
    verbose_name = _("Photos and video")

    def ready(self):
        from . import signal_handlers  # noqa: F401
