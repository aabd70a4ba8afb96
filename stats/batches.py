"""Folding counts into the database: one atomic statement per row, each batch applied once."""

import logging
from collections import defaultdict
from datetime import date

from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from articles.models import Article

from .models import AppliedBatch, ArticleDailyReads, DailyLanguageViews, DailyStat

logger = logging.getLogger(__name__)


def qn(name):
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
    table = qn(model._meta.db_table)
    key_columns = [qn(c) for c in _columns(model, keys)]
    amount_columns = [qn(c) for c in _columns(model, amounts)]
    columns = key_columns + amount_columns
    updates = ", ".join(f"{c} = {table}.{c} + EXCLUDED.{c}" for c in amount_columns)
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
           f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {updates}")
    cursor.executemany(sql, [adapt(row) for row in rows])


def adapt(row):
    return [connection.ops.adapt_datefield_value(v) if isinstance(v, date) else v for v in row]


def database_total_visits() -> int:
    return DailyStat.objects.aggregate(total=Sum("visits"))["total"] or 0


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
        table = qn(AppliedBatch._meta.db_table)
        # Claims the batch inside the same transaction as its counts: a concurrent run waits
        # on this row and then finds it taken.
        key_column, at_column = (qn(c) for c in _columns(AppliedBatch, ["key", "applied_at"]))
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
    return timezone.now()
