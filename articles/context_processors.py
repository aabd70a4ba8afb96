from portal.caching import cached, read_ahead

from .models import Category

NAV_CACHE_KEY = "articles:navigation:v1"
read_ahead(NAV_CACHE_KEY)  # every public page shows the navigation


def navigation_categories():
    """Top-level categories shown in the navigation; cached until a category changes."""
    return cached(NAV_CACHE_KEY, lambda: list(Category.objects.filter(parent__isnull=True, in_navigation=True)))


def navigation(request):
    return {"nav_categories": navigation_categories()}
