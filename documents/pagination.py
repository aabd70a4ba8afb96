"""The pages of a list of documents (the public list's and the admin's)."""

from django.utils.functional import SimpleLazyObject

from portal.pagination import CachedCountPaginator

from .models import mark_replaced


class RowsPaginator(CachedCountPaginator):
    """A page's rows, each told whether it is replaced (models.mark_replaced), read only when the
    page is shown: with its block in the template cache, not at all."""

    def _get_page(self, object_list, number, paginator):
        return super()._get_page(SimpleLazyObject(lambda: mark_replaced(object_list)), number, paginator)
