from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .models import Article, Category


class ArticleSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.all()


sitemaps = {"articles": ArticleSitemap, "categories": CategorySitemap}


urlpatterns = [path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap")]
