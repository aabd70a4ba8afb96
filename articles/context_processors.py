from .models import Category

NAV_CACHE_KEY = "articles:navigation:v1"


def navigation_categories():
    """Top-level categories shown in the navigation; cached until a category changes."""
    from portal.models import _cache_get, _cache_set

    categories = _cache_get(NAV_CACHE_KEY)
    if categories is None:
        categories = list(Category.objects.filter(parent__isnull=True, in_navigation=True))
        _cache_set(NAV_CACHE_KEY, categories)
    return categories


def navigation(request):
    return {"nav_categories": navigation_categories()}
