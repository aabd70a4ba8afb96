from django.utils.functional import SimpleLazyObject

from .services import figures_cached

UNAVAILABLE = {"visits": None, "online": None}


def stats(request) -> dict:
    """The footer's figures, read from the cache only when a template shows them."""
    return {"stats_figures": SimpleLazyObject(lambda: figures_cached() or UNAVAILABLE)}
