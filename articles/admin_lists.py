"""The article list's filters and paging: what approvers and editors see first, read cheaply."""

import datetime

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.dates import year_in_range
from portal.pagination import CachedCountPaginator

from .models import Article
from .workflow import MAX_LEVELS


class LacksEnglishFilter(admin.SimpleListFilter):
    title = _("English version")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return (("missing", _("Missing")), ("present", _("Present")))

    def queryset(self, request, queryset):
        missing = Article.objects.lacking_translation("en").values("pk")
        if self.value() == "missing":
            return queryset.filter(pk__in=missing)
        if self.value() == "present":
            return queryset.exclude(pk__in=missing)
        return queryset


class LevelFilter(admin.SimpleListFilter):
    """The level a pending article waits at (the admin index's "waiting for you" links)."""

    title = _("approval level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [(str(n), str(n)) for n in range(1, MAX_LEVELS + 1)]

    def queryset(self, request, queryset):
        if self.value() in {str(n) for n in range(1, MAX_LEVELS + 1)}:
            return queryset.filter(approval=Article.Approval.PENDING, approval_level=int(self.value()))
        return queryset


class PublishMonthFilter(admin.SimpleListFilter):
    """The publication month, among the last 24: computed, unlike date_hierarchy's DISTINCT scan."""

    title = Article._meta.get_field("publish_at").verbose_name
    parameter_name = "month"
    MONTHS = 24

    def lookups(self, request, model_admin):
        today = timezone.localdate()
        year, month = today.year, today.month
        months = []
        for _n in range(self.MONTHS):
            months.append((f"{year:04d}-{month:02d}", f"{month:02d}/{year:04d}"))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return months

    def queryset(self, request, queryset):
        try:
            year, month = (int(part) for part in (self.value() or "").split("-"))
            start = timezone.make_aware(datetime.datetime(year, month, 1))
        except (TypeError, ValueError):
            return queryset
        if not year_in_range(year):  # nothing is dated then, and 9999-12 would end in year 10000
            return queryset
        end = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1))
        return queryset.filter(publish_at__gte=start, publish_at__lt=end)


class QueueFirstPaginator(CachedCountPaginator):
    """Pages through a list with the rows matching `first` (an editor's own unfinished
    articles: a handful) before all the others, each part newest first: the order of
    ArticleAdmin.get_ordering, without sorting the whole archive for it. A CASE on the user
    cannot be indexed, so PostgreSQL read and sorted every row (183 ms a page at 100,000
    articles); here each part is a LIMIT over an index (article_unfinished_idx for the first,
    article_newest_idx for the rest), after one count of the first."""

    def __init__(self, *args, first: Q, **kwargs):
        super().__init__(*args, **kwargs)
        self.first = first

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ordered = self.object_list.order_by("-publish_at", "-id")
        head = ordered.filter(self.first)
        n = head.count()
        rows = list(head[bottom:min(top, n)]) if bottom < n else []
        if top > n:
            rows += list(ordered.exclude(self.first)[max(bottom - n, 0):top - n])
        return self._get_page(rows, number, self)
