from django import template

from articles.models import Category

register = template.Library()


@register.inclusion_tag("articles/includes/nav.html", takes_context=True)
def main_navigation(context):
    """The main navigation: home, the sections (from the cached categories), About, the search box
    (empty: the search page has its own, holding the words)."""
    return {
        "request": context.get("request"),
        "nav_categories": Category.navigation(),
        "current_category": context.get("current_category"),
    }
