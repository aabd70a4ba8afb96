from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import pagecache, signal_handlers  # noqa: F401
        from .models import next_banner_change

        pagecache.register_due_source(next_banner_change)
