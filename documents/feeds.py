from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from portal.models import SiteSettings

from .models import Document

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    """The newest public documents and drafts for comment, newest published first."""

    feed_type = Rss201rev2Feed

    def title(self):
        return _("New documents – %(portal)s") % {"portal": SiteSettings.load().portal_name}

    def link(self):
        return reverse("documents:list")

    def description(self):
        return _("The latest legal documents and drafts for comment of %(portal)s") % {
            "portal": SiteSettings.load().portal_name}

    def items(self):
        return (Document.objects.published().select_related("doc_type", "issuer")
                .defer("content_vi", "content_en", "search_text", "opinion_summary_vi", "opinion_summary_en")
                .order_by("-publish_at", "-pk")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.issuer.name

    def item_categories(self, item):
        return [item.doc_type.name]


