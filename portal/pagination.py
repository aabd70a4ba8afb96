"""Lists split into pages: the count kept under the page-cache version, the elided page numbers."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import pagecache

COUNT_SECONDS = 600


class CachedCountPaginator(Paginator):
    """A paginator whose count is kept under the page-cache version (any change readers see
    bumps it): counting a large category takes longer than reading any page of it."""

    def __init__(self, *args, count_key="", request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key, self.request = count_key, request

    @cached_property
    def count(self):
        if not self.count_key:
            return super().count
        key = f"count:{pagecache.version(self.request)}:{self.count_key}"
        found = cache.get(key)
        if found is None:
            found = super().count
            cache.set(key, found, COUNT_SECONDS)
        return found


class PaginatedMixin:
    """The elided page numbers ("1 2 … 9 10 11 … 40") for the pagination partial, and a count
    kept in the cache when the view names what it counts (`count_key`)."""

    paginator_class = CachedCountPaginator
    count_key = ""

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(*args, count_key=self.count_key, request=self.request, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = list(page.paginator.get_elided_page_range(page.number, on_each_side=2))
        return context
