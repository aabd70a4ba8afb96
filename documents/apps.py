from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal import pagecache


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Legal documents")

    def ready(self):
        from . import models, signal_handlers  # noqa: F401

        # A document going public, a draft's opinions opening or closing, a document coming
        # into force or expiring: pages change by themselves then.
        pagecache.register_due_source(models.next_change)
