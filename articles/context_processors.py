from django.core.cache import cache

from .models import Category

NAV_CACHE_KEY = "articles:navigation:v1"


def navigation_categories():
    """Top-level categories shown in the navigation; cached until a category changes."""
    categories = cache.get(NAV_CACHE_KEY)
    if categories is None:
        categories = list(Category.objects.filter(parent__isnull=True, in_navigation=True))
        cache.set(NAV_CACHE_KEY, categories, timeout=None)
    return categories


def navigation(request):
    return {"nav_categories": navigation_categories()}
