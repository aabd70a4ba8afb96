"""The page's chrome (date and accessibility bar, masthead, navigation, footer) as fragments.

Every public page shows the same chrome in a language, but for the navigation's current
item, the search box's text, the language switch and the signed-in reader. The first two
are in the navigation fragment's key (a handful of sections; the search page renders its
navigation every time); the last two are rendered for every request
(templates/includes/topbar_live.html) between the fragments. Stamps: the day for the date,
the page-cache version for what the site settings and categories decide, and the footer's
figures for the footer. All parts come in one cache round trip, with the page's own
fragments where the view asks for them (articles.views.ArticleDetailView).
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from .fragments import Fragment, fetch
from .models import SiteSettings

def section(request, current_category=None, category_id=None) -> str:
    """Which navigation item is the current one: a category, the home page, the About page, none."""
    if category_id is None and current_category is not None:
        category_id = current_category.pk
    if category_id is not None:
        return f"category-{category_id}"
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "url_name", None)
    return name if name in ("home", "about") else "none"


def specs(request, *, current_category=None, category_id=None, search_query="") -> list[Fragment]:
    """The chrome's fragments. `current_category` may be a callable (called only to render the
    navigation, after the cache was read) if `category_id` is given."""
    from articles.context_processors import navigation_categories
    from stats.services import UNAVAILABLE, figures_cached

    language = (get_language() or "vi")[:2]
    today = timezone.localdate()

    def render(template, **context):
        return lambda: render_to_string(template, {"request": request, "site": SiteSettings.load(), **context})

    def figures():
        return figures_cached() or UNAVAILABLE

    def footer():
        return render("includes/footer.html", stats_figures=figures())()

    parts = [
        Fragment("today", f"chrome:{language}:today", render("includes/topbar_today.html", today=today),
                 stamp=today.isoformat(), versioned=False),
        Fragment("masthead", f"chrome:{language}:masthead", render("includes/masthead.html")),
        # Stamps that read the cache are evaluated after the one round trip (portal/fragments.py).
        Fragment("footer", f"chrome:{language}:footer", footer,
                 stamp=lambda: (figures().get("visits"), figures().get("online"))),
    ]
    nav = render("includes/nav.html", nav_categories=navigation_categories,
                 current_category=current_category, search_query=search_query)
    if search_query:
        parts.append(Fragment("nav", "", nav))  # what was searched for is in the box: never stored
    else:
        key = section(request, current_category if category_id is None else None, category_id)
        parts.append(Fragment("nav", f"chrome:{language}:nav:{key}", nav))
    if request is None:  # a page rendered without a request (no reader to key on): nothing is stored
        parts = [Fragment(part.name, "", part.render) for part in parts]
    return parts


def chrome(request, *, current_category=None, category_id=None, search_query="", also=()) -> dict:
    """The HTML of each part of the chrome by name (and of the fragments `also` asked for)."""
    parts = specs(request, current_category=current_category, category_id=category_id, search_query=search_query)
    return fetch([*also, *parts])
