from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.utils import timezone
from django.utils.translation import override

from portal.sitemaps import SiteAddressMixin

from .models import Article, Category

NEWS_DAYS = 2  # Google News takes the articles of the last two days
NEWS_LIMIT = 1000  # and at most a thousand addresses


class ArticleSitemap(SiteAddressMixin, Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "title_en").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        """Only the languages the article is written in: no English address for an untranslated one."""
        return item.languages


class CategorySitemap(SiteAddressMixin, Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class NewsSitemap(SiteAddressMixin, Sitemap):
    """Google News (templates/news_sitemap.xml): each recent article in each language it is
    written in, as (article, language) pairs."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - timedelta(days=NEWS_DAYS)
        recent = (Article.objects.published().filter(publish_at__gte=since)
                  .only("slug", "title_vi", "title_en", "publish_at").order_by("-publish_at", "-pk"))
        return [(article, code) for article in recent[:NEWS_LIMIT] for code in article.languages][:NEWS_LIMIT]

    def location(self, item):
        article, code = item
        with override(code):
            return article.get_absolute_url()


sitemaps = {"articles": ArticleSitemap, "categories": CategorySitemap}
news_sitemaps = {"news": NewsSitemap}
