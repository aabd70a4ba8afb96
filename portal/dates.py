"""The years the portal takes a date in.

A date outside them is a slip of the keyboard (01/01/0001) or an attack, and one that Python or
the database may not hold: 01/01/0001 00:00 in Asia/Ho_Chi_Minh is year 0 in UTC, which SQLite
refuses to store and PostgreSQL stores but Python cannot read back.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def year_in_range(year: int) -> bool:
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def validate_date_in_range(value) -> None:
    """For a form's date or date-and-time field (the year as the person typed it)."""
    if value is not None and not year_in_range(value.year):
        raise ValidationError(_("The date must be between the years %(earliest)s and %(latest)s."),
                              code="out_of_range", params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR})


def range_bounds() -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of the range and the first after it, in the current time zone."""
    return (timezone.make_aware(datetime.datetime(EARLIEST_YEAR, 1, 1)),
            timezone.make_aware(datetime.datetime(LATEST_YEAR + 1, 1, 1)))
