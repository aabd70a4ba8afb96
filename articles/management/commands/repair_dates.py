from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.checks import articles_dated_out_of_range
from portal import pagecache
from portal.dates import EARLIEST_YEAR, LATEST_YEAR, range_bounds


class Command(BaseCommand):
    help = (f"Give every article whose publish date is outside the years {EARLIEST_YEAR}-{LATEST_YEAR} "
            "the time it was created (or now, if that is outside them too). Such a date was typed by "
            "mistake before the admin refused it; on PostgreSQL Python cannot read it back, so the "
            "article's change, delete and history pages, the list sorted by date and searches that find "
            "it fail. The dates are compared and replaced in SQL, never read. `check --database default` "
            "(and every migrate) warns while any is left (articles.W001).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count them; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        broken = articles_dated_out_of_range()
        if dry_run:
            self.stdout.write(f"{broken.count()} article(s) with a publish date out of range.")
            return
        start, end = range_bounds()
        with transaction.atomic():
            repaired = broken.filter(created_at__gte=start, created_at__lt=end).update(publish_at=F("created_at"))
            repaired += broken.update(publish_at=timezone.now())
        if repaired:
            pagecache.bump()  # update() sends no signal
            pagecache.reschedule()
        self.stdout.write(self.style.SUCCESS(f"{repaired} article(s) given a publish date in range."))
