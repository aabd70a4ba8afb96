from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from portal.models import SiteSettings

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self):
        return SiteSettings.load().portal_name

    def link(self):
        from django.urls import reverse

        return reverse("articles:home")

    def description(self):
        return _("The latest articles of %(portal)s") % {"portal": SiteSettings.load().portal_name}

    def items(self):
        return Article.objects.published().in_language().for_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{obj.name} – {SiteSettings.load().portal_name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("The latest articles in %(category)s") % {"category": obj.name}

    def items(self, obj):
        return Article.objects.published().in_language().for_list().filter(category=obj)[:FEED_SIZE]
