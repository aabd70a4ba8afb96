"""The documents' part of /sitemap.xml (wired by portal.urls with every app's `sitemaps`)."""

from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"documents": DocumentSitemap}
