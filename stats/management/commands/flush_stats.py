from django.core.management.base import BaseCommand, CommandError
from redis.exceptions import RedisError

from stats.services import stats_flush


class Command(BaseCommand):
    help = ("Fold the statistics counters kept in Redis into the database and forget stale reader "
            "state. Safe to run at any time, repeatedly, or several at once.")

    def handle(self, *args, **options):
        try:
            applied = stats_flush()
        except RedisError as error:
            # Counts are taken from Redis only once the database has them, so a later run folds them.
            raise CommandError(f"Statistics not flushed: the counters' Redis is unreachable "
                               f"({type(error).__name__}). Nothing is lost: the counts stay in Redis "
                               f"until a later flush_stats.") from None
        self.stdout.write(f"Statistics flushed: {applied} batch(es) applied.")
