"""Publish dates stored before the admin refused them (portal.dates): found by a database check,
mended by `manage.py repair_dates`."""

from django.core import checks
from django.db import DatabaseError
from django.db.models import Q

from portal.dates import EARLIEST_YEAR, LATEST_YEAR, range_bounds

from .models import Article


def articles_dated_out_of_range(using="default"):
    """Compared in SQL, never read: on PostgreSQL Python cannot read a year-0 instant back."""
    start, end = range_bounds()
    return Article.objects.using(using).filter(Q(publish_at__lt=start) | Q(publish_at__gte=end))


@checks.register(checks.Tags.database)
def publish_dates_check(app_configs=None, databases=None, **kwargs):
    # Run by `check --database default` and by every `migrate`; other checks leave the database be.
    warnings = []
    for alias in databases or ():
        try:
            count = articles_dated_out_of_range(alias).count()
        except DatabaseError:  # no table yet: the first migrate
            continue
        if count:
            warnings.append(checks.Warning(
                f"{count} article(s) have a publish date outside the years {EARLIEST_YEAR}-{LATEST_YEAR}; "
                "on PostgreSQL their admin pages, the list sorted by date and searches that find them fail.",
                hint="Run `python manage.py repair_dates`.", id="articles.W001"))
    return warnings
