from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    # Not "Statistics": that is the page its entry opens, and the crumbs said it twice.
    verbose_name = _("Audience")
