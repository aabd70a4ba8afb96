from portal.caching import cached, read_ahead

from .models import Category

NAV_CACHE_KEY = "articles:navigation:v1"
CATEGORIES_CACHE_KEY = "articles:categories:v1"
read_ahead(NAV_CACHE_KEY, CATEGORIES_CACHE_KEY)  # every public page shows the navigation


def categories_by_pk() -> dict:
    """Every category by primary key, each with its parent; cached until a category changes."""
    def load():
        categories = {category.pk: category for category in Category.objects.all()}
        for category in categories.values():
            if category.parent_id:
                category.parent = categories[category.parent_id]
        return categories

    return cached(CATEGORIES_CACHE_KEY, load)


def navigation_categories():
    """Top-level categories shown in the navigation; cached until a category changes."""
    return cached(NAV_CACHE_KEY, lambda: list(Category.objects.filter(parent__isnull=True, in_navigation=True)))


def navigation(request):
    return {"nav_categories": navigation_categories()}
