from django import template

register = template.Library()

ODOMETER_DIGITS = 7


@register.inclusion_tag("stats/includes/odometer.html")
def odometer(value, name, min_digits=ODOMETER_DIGITS):
    """A number as odometer wheels; hidden from screen readers, which get the text beside it."""
    digits = list(str(value).zfill(min_digits)) if isinstance(value, int) else ["-"] * min_digits
    return {"digits": digits, "name": name, "min_digits": min_digits}
