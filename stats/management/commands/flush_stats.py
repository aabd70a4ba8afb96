from django.core.management.base import BaseCommand

from stats.services import stats_flush


class Command(BaseCommand):
    help = ("Fold the statistics counters kept in Redis into the database and forget stale reader "
            "state. Safe to run at any time, repeatedly, or several at once.")

    def handle(self, *args, **options):
        applied = stats_flush()
        self.stdout.write(f"Statistics flushed: {applied} batch(es) applied.")
