from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from portal import pagecache

        from . import signal_handlers

        pagecache.register_due_source(signal_handlers.next_scheduled)
