from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal import pagecache


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 (checks: the stored publish dates' check)

        pagecache.register_due_source(signal_handlers.next_scheduled)
