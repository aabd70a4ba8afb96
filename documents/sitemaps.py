"""The documents' part of /sitemap.xml (wired by portal.urls with every app's `sitemaps`)."""

from django.contrib.sitemaps import Sitemap

from portal.sitemaps import SiteAddressMixin

from .models import Document


class DocumentSitemap(SiteAddressMixin, Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Document.objects.published().only("slug", "updated_at", "summary_en").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        """Only the languages the document is written in (no English address for an untranslated one)."""
        return item.languages


sitemaps = {"documents": DocumentSitemap}
