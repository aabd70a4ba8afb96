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
from django.db.models import F, Sum

from articles.models import Article

from .models import AppliedBatch, ArticleDailyReads, DailyLanguageViews, DailyStat, Reader, ReadMarker

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


@dataclass
class Recorded:
    counted: bool
    visits: int | None = None  # total, without the site's starting offset
    online: int | None = None
    reads: int | None = None  # the article's read count


def beacon_limit() -> int:
    return getattr(settings, "STATS_BEACON_LIMIT", 300)


def counter():
    """Redis (STATS_REDIS_URL, else REDIS_URL) when configured, else the database."""
    url = getattr(settings, "STATS_REDIS_URL", "") or settings.REDIS_URL
    if url:
        return RedisCounter(url)
    return DatabaseCounter()


# -- the database --------------------------------------------------------------------------

def _qn(name):
    return connection.ops.quote_name(name)


def _columns(model, names):
    return [model._meta.get_field(name).column for name in names]


def upsert_add(cursor, model, keys: list[str], amounts: list[str], rows: list[tuple]) -> None:
    """Add amounts to rows found by their keys, creating them: one atomic statement per row.

    ON CONFLICT ... DO UPDATE is the same on SQLite and PostgreSQL, and unlike a read then
    a write it cannot lose an increment to a concurrent request.
    """
    if not rows:
        return
    table = _qn(model._meta.db_table)
    key_columns = [_qn(c) for c in _columns(model, keys)]
    amount_columns = [_qn(c) for c in _columns(model, amounts)]
    columns = key_columns + amount_columns
    updates = ", ".join(f"{c} = {table}.{c} + EXCLUDED.{c}" for c in amount_columns)
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
           f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {updates}")
    cursor.executemany(sql, [_adapt(row) for row in rows])


def _adapt(row):
    return [connection.ops.adapt_datefield_value(v) if isinstance(v, date) else v for v in row]


def database_total_visits() -> int:
    return DailyStat.objects.aggregate(total=Sum("visits"))["total"] or 0


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
            new_visit = new_reader or view.now - prev_seen >= VISIT_GAP
            table = _qn(DailyStat._meta.db_table)
            cursor.execute(
                f"INSERT INTO {table} (day, page_views, visits, unique_readers) VALUES (%s, 1, %s, %s) "
                f"ON CONFLICT (day) DO UPDATE SET page_views = {table}.page_views + 1, "
                f"visits = {table}.visits + EXCLUDED.visits, "
                f"unique_readers = {table}.unique_readers + EXCLUDED.unique_readers RETURNING page_views",
                _adapt([view.day, int(new_visit), int(new_reader)]),
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
        table = _qn(Reader._meta.db_table)
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
            _adapt([view.reader, view.day, view.now, view.now, hour_ago, hour_ago, hour_ago, beacon_limit()]),
        )
        return cursor.fetchone()

    def _read_counts(self, cursor, view) -> bool:
        table = _qn(ReadMarker._meta.db_table)
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

# One round trip per beacon, atomic: the ceiling, the visit window, the day's unique readers,
# the online window and the article's read window are decided together.
RECORD_SCRIPT = """
local now, day, lang, article = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local limit, window, trim = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local visit_gap, read_gap, ttl, member = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11]
local state = redis.call('HMGET', KEYS[1], 'last', 'ws', 'wc')
local last, ws, wc = tonumber(state[1]), tonumber(state[2]), tonumber(state[3])
if ws == nil or now - ws >= 3600 then ws = now; wc = 0 end
wc = wc + 1
redis.call('HSET', KEYS[1], 'ws', ws, 'wc', wc)
redis.call('EXPIRE', KEYS[1], ttl)
if wc > limit then return {0, -1, -1, -1} end
redis.call('HSET', KEYS[1], 'last', now)
redis.call('HINCRBY', KEYS[2], 'pv:' .. day, 1)
if lang ~= '' then redis.call('HINCRBY', KEYS[2], 'lang:' .. day .. ':' .. lang, 1) end
if last == nil then redis.call('HINCRBY', KEYS[2], 'u:' .. day, 1) end
if last == nil or now - last >= visit_gap then
  redis.call('HINCRBY', KEYS[2], 'v:' .. day, 1)
  if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('INCR', KEYS[4]) end
end
local visits = tonumber(redis.call('GET', KEYS[4]) or '-1')
redis.call('ZADD', KEYS[3], now, member)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - trim)
local online = redis.call('ZCOUNT', KEYS[3], '(' .. (now - window), '+inf')
local reads = -1
if article ~= '' then
  local counted_at = tonumber(redis.call('GET', KEYS[5]) or '')
  if counted_at == nil or now - counted_at >= read_gap then
    redis.call('SET', KEYS[5], now, 'EX', read_gap)
    redis.call('HINCRBY', KEYS[2], 'read:' .. day .. ':' .. article, 1)
    if redis.call('HEXISTS', KEYS[6], article) == 1 then redis.call('HINCRBY', KEYS[6], article, 1) end
  end
  reads = tonumber(redis.call('HGET', KEYS[6], article) or '-1')
end
return {1, visits, online, reads}
"""

# The running totals shown to readers (all visits, each article's reads) live in Redis so a
# beacon needs no database. When missing (first use, Redis emptied) they are seeded once
# from the database plus what Redis holds that is not yet folded in.
SEED_SCRIPT = """
local field, value, suffix, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
if field == '' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return tonumber(redis.call('GET', KEYS[1])) end
else
  local current = redis.call('HGET', KEYS[1], field)
  if current then return tonumber(current) end
end
local hashes = redis.call('SMEMBERS', KEYS[3])
table.insert(hashes, KEYS[2])
for _, hash in ipairs(hashes) do
  local all = redis.call('HGETALL', hash)
  for i = 1, #all, 2 do
    local name = all[i]
    if string.sub(name, 1, #prefix) == prefix and (suffix == '' or string.sub(name, -#suffix) == suffix) then
      value = value + tonumber(all[i + 1])
    end
  end
end
if field == '' then redis.call('SET', KEYS[1], value) else redis.call('HSET', KEYS[1], field, value) end
return value
"""

# Takes the pending counters as a batch under a new name: beacons start a fresh hash at once.
CLAIM_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], KEYS[2])
return 1
"""

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
        keys = [self.prefix + f"reader:{view.reader}", self.pending_key, self.online_key, self.visits_key,
                self.prefix + f"read:{view.reader}:{article}", self.reads_key]
        args = [view.now, view.day.isoformat(), view.language, article, beacon_limit(), online_window,
                max(online_window, HOUR), VISIT_GAP, READ_GAP, 26 * HOUR, view.reader]
        counted, visits, online, reads = _script(self.client, RECORD_SCRIPT)(keys=keys, args=args)
        if not counted:
            return Recorded(counted=False)
        if visits < 0:
            visits = self.total_visits()
        if view.article_id and reads < 0:
            reads = self.read_count(view.article_id)
        return Recorded(counted=True, visits=visits, online=online, reads=reads)

    def _seed(self, key, field, value, prefix, suffix=""):
        script = _script(self.client, SEED_SCRIPT)
        return script(keys=[key, self.pending_key, self.batches_key], args=[field, value, suffix, prefix])

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
        _script(self.client, CLAIM_SCRIPT)(keys=[self.pending_key, batch, self.batches_key])
        applied = 0
        for key in sorted(self.client.smembers(self.batches_key)):
            fields = self.client.hgetall(key)
            if fields and apply_batch(key, fields):
                applied += 1
            self.client.delete(key)
            self.client.srem(self.batches_key, key)
        # Batch names need keeping only while their Redis key might still exist.
        AppliedBatch.objects.filter(applied_at__lt=_now() - timedelta(days=30)).delete()
        return applied


def parse_field(name: str):
    """'pv:2026-01-31' -> ('pv', date, None); 'read:2026-01-31:12' -> ('read', date, 12)."""
    parts = name.split(":")
    try:
        day = date.fromisoformat(parts[1])
        if parts[0] in ("pv", "v", "u") and len(parts) == 2:
            return parts[0], day, None
        if parts[0] == "lang" and len(parts) == 3:
            return "lang", day, parts[2]
        if parts[0] == "read" and len(parts) == 3:
            return "read", day, int(parts[2])
    except (IndexError, ValueError):
        pass
    logger.warning("stats: ignoring an unknown counter field %r", name[:40])
    return None


def apply_batch(key: str, fields: dict) -> bool:
    """Add one batch of counters to the database unless it was added before. True when applied."""
    days = defaultdict(lambda: [0, 0, 0])
    languages, reads = {}, {}
    for name, value in fields.items():
        parsed = parse_field(name)
        if not parsed:
            continue
        kind, day, extra = parsed
        value = int(value)
        if kind in ("pv", "v", "u"):
            days[day][("pv", "v", "u").index(kind)] += value
        elif kind == "lang":
            languages[(day, extra)] = value
        else:
            reads[(extra, day)] = value
    with transaction.atomic(), connection.cursor() as cursor:
        table = _qn(AppliedBatch._meta.db_table)
        # Claims the batch inside the same transaction as its counts: a concurrent run waits
        # on this row and then finds it taken.
        key_column, at_column = (_qn(c) for c in _columns(AppliedBatch, ["key", "applied_at"]))
        cursor.execute(f"INSERT INTO {table} ({key_column}, {at_column}) VALUES (%s, %s) "
                       f"ON CONFLICT ({key_column}) DO NOTHING RETURNING {key_column}",
                       [key, connection.ops.adapt_datetimefield_value(_now())])
        if cursor.fetchone() is None:
            return False
        upsert_add(cursor, DailyStat, ["day"], ["page_views", "visits", "unique_readers"],
                   [(day, *counts) for day, counts in sorted(days.items())])
        upsert_add(cursor, DailyLanguageViews, ["day", "language"], ["page_views"],
                   [(day, language, n) for (day, language), n in sorted(languages.items())])
        existing = set(Article.objects.filter(pk__in={a for a, _day in reads}).values_list("pk", flat=True))
        reads = {k: n for k, n in reads.items() if k[0] in existing}  # deleted articles are dropped
        upsert_add(cursor, ArticleDailyReads, ["article", "day"], ["reads"],
                   [(article, day, n) for (article, day), n in sorted(reads.items())])
        per_article = defaultdict(int)
        for (article, _day), n in reads.items():
            per_article[article] += n
        for article, n in sorted(per_article.items()):
            Article.objects.filter(pk=article).update(read_count=F("read_count") + n)
    return True


def _now():
    from django.utils import timezone

    return timezone.now()
