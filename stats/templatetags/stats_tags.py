from django import template

from stats.rankings import MOST_READ_DAYS, most_read_articles
from stats.services import UNAVAILABLE, figures_cached

register = template.Library()

ODOMETER_DIGITS = 7


@register.inclusion_tag("stats/includes/odometer.html")
def odometer(value, name, min_digits=ODOMETER_DIGITS):
    """A number as odometer wheels; hidden from screen readers, which get the text beside it."""
    digits = list(str(value).zfill(min_digits)) if isinstance(value, int) else ["-"] * min_digits
    return {"digits": digits, "name": name, "min_digits": min_digits}


@register.simple_tag
def footer_figures() -> dict:
    """The footer's visits and readers online, at most a minute old (the beacon's answer updates them)."""
    return figures_cached() or UNAVAILABLE


@register.inclusion_tag("stats/includes/most_read.html")
def most_read(limit=5):
    """The articles read most in the last days, as flush_stats last ranked them."""
    return {"most_read": most_read_articles(limit), "most_read_days": MOST_READ_DAYS}
