"""The two places counts are kept: the database directly, or Redis folded in later.

Both answer the same questions (record a page view; the figures now; what is not yet in
the database) so the beacon, the footer and the statistics page need not know which is
in use. ``counter()`` picks one from ``settings.STATS_REDIS_URL`` (else ``REDIS_URL``) at call time.
"""

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article

from .batches import adapt, apply_batch, database_total_visits, parse_field, qn, upsert_add
from .limits import beacon_limit, cache_allows_new_reader, cap_key, cap_passed, new_readers_cap
from .models import AppliedBatch, ArticleDailyReads, DailyLanguageViews, DailyStat, Reader, ReadMarker
from .scripts import CLAIM_SCRIPT, KEPT, RECORD_SCRIPT, SEED_SCRIPT

logger = logging.getLogger(__name__)

VISIT_GAP = 30 * 60  # a visit ends after 30 minutes without a page view
READ_GAP = 30 * 60  # an article's read counts once per reader per 30 minutes
HOUR = 3600


@dataclass
class View:
    """One page view to record, already checked: a public page, a reader, a moment."""

    reader: str
    day: date
    now: int  # Unix seconds
    language: str = ""
    article_id: int | None = None
    address: str = ""  # keyed hash of the address (readers.address_key), for the cap on new readers


@dataclass
class Recorded:
    counted: bool
    visits: int | None = None  # total, without the site's starting offset
    online: int | None = None
    reads: int | None = None  # the article's read count
    capped: bool = False  # a new reader past their address's cap (limits.py): answered, not counted


def counter():
    """Redis (STATS_REDIS_URL, else REDIS_URL) when configured, else the database."""
    url = getattr(settings, "STATS_REDIS_URL", "") or settings.REDIS_URL
    if url:
        return RedisCounter(url)
    return DatabaseCounter()


# -- the database --------------------------------------------------------------------------

class DatabaseCounter:
    """Every beacon writes straight to the database, in one short transaction."""

    redis = False

    def record(self, view: View, *, online_window: int) -> Recorded:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Waiting for the WAL flush of every page view would cost more than the view
                # itself. Without it a crash of the PostgreSQL server (not of an app process) can
                # forget the last fraction of a second of counts; it never corrupts them.
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            prev_seen, beacons = self._touch_reader(cursor, view)
            if beacons > beacon_limit():
                return Recorded(counted=False)
            new_reader = prev_seen is None
            if new_reader and not cache_allows_new_reader(view.address, now=view.now):
                transaction.set_rollback(True)  # the new reader's row goes too: nothing is kept
                return Recorded(counted=False, capped=True)
            new_visit = new_reader or view.now - prev_seen >= VISIT_GAP
            table = qn(DailyStat._meta.db_table)
            cursor.execute(
                f"INSERT INTO {table} (day, page_views, visits, unique_readers) VALUES (%s, 1, %s, %s) "
                f"ON CONFLICT (day) DO UPDATE SET page_views = {table}.page_views + 1, "
                f"visits = {table}.visits + EXCLUDED.visits, "
                f"unique_readers = {table}.unique_readers + EXCLUDED.unique_readers RETURNING page_views",
                adapt([view.day, int(new_visit), int(new_reader)]),
            )
            first_of_day = cursor.fetchone()[0] == 1
            if view.language:
                upsert_add(cursor, DailyLanguageViews, ["day", "language"], ["page_views"],
                           [(view.day, view.language, 1)])
            if view.article_id and self._read_counts(cursor, view):
                upsert_add(cursor, ArticleDailyReads, ["article", "day"], ["reads"],
                           [(view.article_id, view.day, 1)])
                Article.objects.filter(pk=view.article_id).update(read_count=F("read_count") + 1)
        if first_of_day:
            # Once a day, the first beacon forgets yesterday's readers.
            self.prune(now=view.now, today=view.day)
        recorded = Recorded(counted=True, visits=database_total_visits(),
                            online=self.online(now=view.now, window=online_window))
        if view.article_id:
            recorded.reads = Article.objects.filter(pk=view.article_id).values_list("read_count", flat=True).first()
        return recorded

    def _touch_reader(self, cursor, view):
        """Note the reader's page view; return when they were seen before and their beacons this hour."""
        table = qn(Reader._meta.db_table)
        hour_ago = view.now - HOUR
        # Every right-hand side reads the row as it was, so the order of assignments is free.
        cursor.execute(
            f"INSERT INTO {table} (reader, day, last_seen, prev_seen, window_start, window_count) "
            f"VALUES (%s, %s, %s, NULL, %s, 1) ON CONFLICT (reader) DO UPDATE SET "
            f"window_start = CASE WHEN {table}.window_start <= %s THEN EXCLUDED.window_start "
            f"ELSE {table}.window_start END, "
            f"window_count = CASE WHEN {table}.window_start <= %s THEN 1 ELSE {table}.window_count + 1 END, "
            f"prev_seen = {table}.last_seen, "
            # A refused beacon does not keep the reader's visit alive.
            f"last_seen = CASE WHEN {table}.window_start > %s AND {table}.window_count >= %s "
            f"THEN {table}.last_seen ELSE EXCLUDED.last_seen END "
            f"RETURNING prev_seen, window_count",
            adapt([view.reader, view.day, view.now, view.now, hour_ago, hour_ago, hour_ago, beacon_limit()]),
        )
        return cursor.fetchone()

    def _read_counts(self, cursor, view) -> bool:
        table = qn(ReadMarker._meta.db_table)
        cursor.execute(
            f"INSERT INTO {table} (reader, article_id, counted_at, prev_counted) VALUES (%s, %s, %s, NULL) "
            f"ON CONFLICT (reader, article_id) DO UPDATE SET prev_counted = {table}.counted_at, "
            f"counted_at = CASE WHEN {table}.counted_at <= %s THEN EXCLUDED.counted_at "
            f"ELSE {table}.counted_at END RETURNING prev_counted",
            [view.reader, view.article_id, view.now, view.now - READ_GAP],
        )
        prev = cursor.fetchone()[0]
        return prev is None or view.now - prev >= READ_GAP

    def online(self, *, now: int, window: int) -> int:
        return Reader.objects.filter(last_seen__gt=now - window).count()

    def total_visits(self) -> int:
        return database_total_visits()

    def read_count(self, article_id: int) -> int | None:
        return Article.objects.filter(pk=article_id).values_list("read_count", flat=True).first()

    def pending(self) -> dict:
        return {}

    def prune(self, *, now: int, today: date) -> None:
        """Forget readers of past days (kept an hour more for the online window) and old read marks."""
        Reader.objects.filter(day__lt=today, last_seen__lt=now - HOUR).delete()
        ReadMarker.objects.filter(counted_at__lt=now - READ_GAP).delete()

    def flush(self, *, now: int, today: date) -> int:
        self.prune(now=now, today=today)
        return 0


# -- Redis ---------------------------------------------------------------------------------

_clients: dict = {}
_scripts: dict = {}


def _script(client, source):
    script = _scripts.get((id(client), source))
    if script is None:
        script = _scripts[(id(client), source)] = client.register_script(source)
    return script


def redis_client(url: str):
    client = _clients.get(url)
    if client is None:
        import redis

        # Short timeouts: a beacon waits at most a fraction of a second for a sick Redis.
        client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5,
                                      decode_responses=True)
        _clients[url] = client
    return client


class RedisCounter:
    """Counters, reader state and the online window in Redis; ``flush`` folds them into the database."""

    redis = True

    def __init__(self, url: str):
        self.client = redis_client(url)
        self.prefix = getattr(settings, "STATS_REDIS_PREFIX", "stats") + ":"
        self.pending_key = self.prefix + "pending"
        self.batches_key = self.prefix + "batches"
        self.online_key = self.prefix + "online"
        self.visits_key = self.prefix + "visits"
        self.reads_key = self.prefix + "reads"

    def record(self, view: View, *, online_window: int) -> Recorded:
        article = str(view.article_id) if view.article_id else ""
        cap, cap_window = new_readers_cap()
        keys = [self.prefix + f"reader:{view.reader}", self.pending_key, self.online_key, self.visits_key,
                self.prefix + f"read:{view.reader}:{article}", self.reads_key,
                self.prefix + cap_key(view.address, now=view.now, window=cap_window)]
        args = [view.now, view.day.isoformat(), view.language, article, beacon_limit(), online_window,
                max(online_window, HOUR), VISIT_GAP, READ_GAP, 26 * HOUR, view.reader, cap, cap_window, KEPT]
        answer = _script(self.client, RECORD_SCRIPT)(keys=keys, args=args)
        if answer[0] == 2:  # past the address's cap; the second number is its new readers
            cap_passed(answer[1], cap, cap_window)
            return Recorded(counted=False, capped=True)
        counted, visits, online, reads = answer
        if not counted:
            return Recorded(counted=False)
        if visits < 0:
            visits = self.total_visits()
        if view.article_id and reads < 0:
            reads = self.read_count(view.article_id)
        return Recorded(counted=True, visits=visits, online=online, reads=reads)

    def _seed(self, key, field, value, prefix, suffix=""):
        script = _script(self.client, SEED_SCRIPT)
        return script(keys=[key, self.pending_key, self.batches_key], args=[field, value, suffix, prefix, KEPT])

    def total_visits(self) -> int:
        value = self.client.get(self.visits_key)
        if value is not None:
            return int(value)
        return self._seed(self.visits_key, "", database_total_visits(), "v:")

    def read_count(self, article_id: int) -> int | None:
        value = self.client.hget(self.reads_key, str(article_id))
        if value is not None:
            return int(value)
        in_database = Article.objects.filter(pk=article_id).values_list("read_count", flat=True).first()
        if in_database is None:
            return None
        return self._seed(self.reads_key, str(article_id), in_database, "read:", f":{article_id}")

    def online(self, *, now: int, window: int) -> int:
        return self.client.zcount(self.online_key, f"({now - window}", "+inf")

    def pending(self) -> dict:
        """Counts not yet in the database: {(kind, day, extra): n}, from pending and claimed batches."""
        totals = defaultdict(int)
        keys = [self.pending_key, *self.client.smembers(self.batches_key)]
        with self.client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.hgetall(key)
            for fields in pipe.execute():
                for name, value in fields.items():
                    parsed = parse_field(name)
                    if parsed:
                        totals[parsed] += int(value)
        return dict(totals)

    def prune(self, *, now: int, today: date) -> None:
        # Reader state and read marks expire by themselves (TTL).
        pass

    def flush(self, *, now: int, today: date) -> int:
        """Fold every pending batch into the database; returns how many batches were applied.

        The pending hash is renamed to a batch first (atomic), so new beacons are not lost
        while folding. A batch is applied in one transaction that also records its name;
        a batch whose name is recorded is only deleted. So a crash at any point, a second
        run or two runs at once count nothing twice and lose nothing.
        """
        batch = f"{self.prefix}batch:{today.isoformat()}:{uuid.uuid4().hex}"
        _script(self.client, CLAIM_SCRIPT)(keys=[self.pending_key, batch, self.batches_key], args=[KEPT])
        applied = 0
        for key in sorted(self.client.smembers(self.batches_key)):
            fields = self.client.hgetall(key)
            if fields and apply_batch(key, fields):
                applied += 1
            self.client.delete(key)
            self.client.srem(self.batches_key, key)
        # Batch names need keeping only while their Redis key might still exist (KEPT at most).
        AppliedBatch.objects.filter(applied_at__lt=timezone.now() - timedelta(seconds=KEPT)).delete()
        return applied
