from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from portal import pagecache

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
