from django import template

from portal.chrome import chrome as chrome_parts

register = template.Library()


@register.simple_tag(takes_context=True)
def chrome(context, part):
    """One part of the page's chrome; the first use on a page fetches them all (portal/chrome.py).

    A view that fetched them with its own fragments passes them as `chrome` in the context.
    """
    parts = context.get("chrome")
    if parts is None:
        parts = context.render_context.get("portal_chrome")
    if parts is None:
        parts = context.render_context["portal_chrome"] = chrome_parts(
            context.get("request"), current_category=context.get("current_category"),
            search_query=context.get("search_query") or "")
    return parts[part]
