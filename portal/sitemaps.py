"""/sitemap.xml and /news-sitemap.xml, from what each app offers.

An app lists its sitemaps in a `sitemaps` dict of its `sitemaps` module (and Google News
entries in `news_sitemaps`); portal finds them through the app registry, as it finds demo
content, so it imports no app.
"""

from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


class SiteAddressMixin:
    """Addresses on the site's public address (DJANGO_SITE_URL) when it is set, as the pages'
    canonical links are, whatever host name the crawler asked."""

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


def collected(name: str = "sitemaps") -> dict:
    """Every installed app's sitemaps (the module-level dict `name` of its `sitemaps` module)."""
    found = {}
    for config in apps.get_app_configs():
        if config.name != "portal" and module_has_submodule(config.module, "sitemaps"):
            found.update(getattr(import_module(f"{config.name}.sitemaps"), name, {}))
    return found
