from django import template
from django.utils.translation import get_language

from articles import structured_data
from articles.models import Category
from portal.templatetags.portal_tags import ld_json

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


@register.simple_tag(takes_context=True)
def article_ld(context, article):
    """The article as a schema.org NewsArticle, with its breadcrumbs (JSON-LD)."""
    return ld_json(structured_data.article_graph(
        article, site=context["site"], site_url=context["site_url"], language=context.get("LANGUAGE_CODE") or get_language()))


@register.simple_tag(takes_context=True)
def section_ld(context, category):
    """A section's breadcrumbs (JSON-LD)."""
    return ld_json(structured_data.section_graph(category, site_url=context["site_url"]))
