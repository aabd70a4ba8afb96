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

def section(request, current_category=None) -> str:
    """Which navigation item is the current one: a category, the home page, the About page, none."""
    if current_category is not None:
        return f"category-{current_category.pk}"
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "url_name", None)
    return name if name in ("home", "about") else "none"


def specs(request, *, current_category=None, search_query="") -> list[Fragment]:
    from articles.context_processors import navigation_categories
    from stats.context_processors import UNAVAILABLE
    from stats.services import figures_cached

    language = (get_language() or "vi")[:2]
    today = timezone.localdate()

    def render(template, **context):
        return lambda: render_to_string(template, {"request": request, "site": SiteSettings.load(), **context})


    figures = figures_cached() or UNAVAILABLE
    parts = [
        Fragment("today", f"chrome:{language}:today", render("includes/topbar_today.html", today=today),
                 stamp=today.isoformat(), versioned=False),
        Fragment("masthead", f"chrome:{language}:masthead", render("includes/masthead.html")),
        Fragment("footer", f"chrome:{language}:footer", render("includes/footer.html", stats_figures=figures),
                 stamp=(figures.get("visits"), figures.get("online"))),
    ]
    nav = render("includes/nav.html", nav_categories=navigation_categories,
                 current_category=current_category, search_query=search_query)
    if search_query:
        parts.append(Fragment("nav", "", nav))  # what was searched for is in the box: never stored
    else:
        parts.append(Fragment("nav", f"chrome:{language}:nav:{section(request, current_category)}", nav))
    if request is None:  # a page rendered without a request (no reader to key on): nothing is stored
        parts = [Fragment(part.name, "", part.render) for part in parts]
    return parts


def chrome(request, *, current_category=None, search_query="", also=()) -> dict:
    """The HTML of each part of the chrome by name (and of the fragments `also` asked for)."""
    parts = specs(request, current_category=current_category, search_query=search_query)
    return fetch([*also, *parts])
