from portal.caching import cached, read_ahead

from .models import Category

CATEGORIES_CACHE_KEY = "articles:categories:v1"
read_ahead(CATEGORIES_CACHE_KEY)  # every public page shows the navigation


def categories_by_pk() -> dict:
    """Every category by primary key (in navigation order), each with its parent; cached until
    a category changes (articles.signal_handlers)."""
    def load():
        categories = {category.pk: category for category in Category.objects.all()}
        for category in categories.values():
            if category.parent_id:
                category.parent = categories[category.parent_id]
        return categories

    # Forgotten on every change (and again at its commit); the timeout is only a safety net.
    return cached(CATEGORIES_CACHE_KEY, load, 300)


def navigation_categories():
    """Top-level categories shown in the navigation."""
    return [category for category in categories_by_pk().values()
            if category.parent_id is None and category.in_navigation]
