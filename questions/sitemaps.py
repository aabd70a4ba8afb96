"""The published questions (each in the language it was asked in) and the fields' lists, for
/sitemap.xml (portal wires `sitemaps` in)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.sitemaps import SiteAddressMixin

from .models import Question, Topic


class QuestionSitemap(SiteAddressMixin, Sitemap):
    i18n = True
    alternates = True
    limit = 5000
    changefreq = "monthly"

    def items(self):
        return Question.objects.published().only("pk", "language", "published_at", "answered_at").newest()

    def get_languages_for_item(self, item):
        # A question stays in its own language: its page in the other one is not another version.
        return [item.language]

    def lastmod(self, item):
        return max(filter(None, [item.published_at, item.answered_at]), default=None)


class QuestionListSitemap(SiteAddressMixin, Sitemap):
    """The list of every answered question, and each field's, in both languages."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [None, *Topic.objects.order_by("order", "pk")]

    def location(self, item):
        return reverse("questions:list") if item is None else reverse("questions:field", args=[item.slug])


sitemaps = {"questions": QuestionSitemap, "question-fields": QuestionListSitemap}

