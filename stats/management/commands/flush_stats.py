from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from redis.exceptions import RedisError

from stats.counters import counter
from stats.services import stats_flush


class Command(BaseCommand):
    help = ("Fold the statistics counters kept in Redis into the database and forget stale reader "
            "state. Safe to run at any time, repeatedly, or several at once.")

    def handle(self, *args, **options):
        # Counts leave Redis only after the database has them (without Redis they go there
        # directly), so an outage loses nothing: one line says so (CommandError: exit status 1).
        try:
            applied = stats_flush()
        except RedisError as error:
            raise CommandError(self._not_flushed("the counters' Redis", error)) from None
        except DatabaseError as error:
            raise CommandError(self._not_flushed("the database", error)) from None
        self.stdout.write(f"Statistics flushed: {applied} batch(es) applied.")

    def _not_flushed(self, what, error):
        kept = ("the counts wait in Redis for a later run" if counter().redis
                else "without Redis counts are written as they come; only the clean-up waits")
        return f"Statistics not flushed: {what} is unreachable ({type(error).__name__}). Nothing is lost: {kept}."
