from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal import pagecache


class ArticlesConfig(AppConfig):
    name = "articles"
    # Not "Articles": the app holds categories and types too, and its crumb would repeat the
    # article list's ("Articles › Articles").
    verbose_name = _("Content")

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 (checks: the stored publish dates' check)

        pagecache.register_due_source(signal_handlers.next_scheduled)
