"""flush_stats: Redis counters folded into the database exactly once, whatever happens."""

import threading
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from stats import batches
from stats.counters import RedisCounter, redis_client
from stats.models import AppliedBatch, ArticleDailyReads, DailyStat, Reader, ReadMarker
from stats.services import stats_flush

from .conftest import NOON, REDIS_URL, record


def figures():
    row = DailyStat.objects.filter(day=NOON.date()).first()
    return (row.page_views, row.visits, row.unique_readers) if row else (0, 0, 0)


def test_flush_stats_folds_redis_into_the_database_and_twice_counts_nothing_twice(redis_store, article):
    record(article.get_absolute_url())
    record("/vi/", ip="203.0.113.2")
    out = StringIO()
    call_command("flush_stats", stdout=out)
    assert "1 batch(es) applied" in out.getvalue()
    call_command("flush_stats", stdout=StringIO())
    call_command("flush_stats", stdout=StringIO())
    assert figures() == (2, 2, 2)
    article.refresh_from_db()
    assert article.read_count == 1
    assert ArticleDailyReads.objects.get().reads == 1


def test_beacons_between_flushes_are_all_kept(redis_store):
    for n in range(3):
        record("/vi/", ip=f"203.0.113.{n}")
        stats_flush(now=NOON)
    assert figures() == (3, 3, 3)
    assert redis_client(REDIS_URL).exists("stats:pending") == 0


def test_counters_in_their_own_redis_survive_the_cache_being_emptied(settings, db):
    """Production keeps the counters in a Redis of their own (STATS_REDIS_URL) so that the
    cache's Redis may evict, restart empty or be cleared without losing a count."""
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: the Redis store is tested when it is")
    from django.core.cache import cache

    own = REDIS_URL.rsplit("/", 1)[0] + "/15"
    settings.REDIS_URL, settings.STATS_REDIS_URL = REDIS_URL, own
    redis_client(own).flushdb()
    try:
        record("/vi/")
        record("/vi/", ip="203.0.113.2")
        assert redis_client(own).exists("stats:pending") and not redis_client(REDIS_URL).exists("stats:pending")
        cache.clear()
        stats_flush(now=NOON)
        assert figures() == (2, 2, 2)
    finally:
        redis_client(own).flushdb()


def test_a_crash_before_the_database_commit_loses_nothing(redis_store):
    record("/vi/")
    with mock.patch.object(batches, "upsert_add", side_effect=RuntimeError("killed")):
        with pytest.raises(RuntimeError):
            stats_flush(now=NOON)
    assert figures() == (0, 0, 0)  # rolled back, and the batch is still in Redis
    record("/vi/", ip="203.0.113.2")
    stats_flush(now=NOON)
    assert figures() == (2, 2, 2)


def test_a_crash_after_the_database_commit_counts_nothing_twice(redis_store):
    record("/vi/")
    client = redis_client(REDIS_URL)
    with mock.patch.object(type(client), "delete", side_effect=ConnectionError("killed")):
        with pytest.raises(ConnectionError):
            stats_flush(now=NOON)
    assert figures() == (1, 1, 1)
    assert client.scard("stats:batches") == 1  # applied, but not yet forgotten by Redis
    stats_flush(now=NOON)
    assert figures() == (1, 1, 1)
    assert client.scard("stats:batches") == 0


@pytest.mark.django_db(transaction=True)
def test_flushes_running_at_once_count_everything_exactly_once(redis_store, settings):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database is one connection shared by all threads")
    errors = []
    stop = threading.Event()

    def flusher():
        try:
            while not stop.is_set():
                stats_flush(now=NOON)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=flusher) for _ in range(3)]
    for thread in threads:
        thread.start()
    for n in range(200):
        record("/vi/", ip=f"203.0.113.{n % 50}", now=NOON)
    stop.set()
    for thread in threads:
        thread.join()
    stats_flush(now=NOON)
    assert not errors
    assert figures() == (200, 50, 50)
    assert AppliedBatch.objects.count() >= 1


def test_the_same_batch_applied_twice_is_applied_once(db):
    fields = {"pv:2026-03-10": "5", "v:2026-03-10": "2", "u:2026-03-10": "2", "lang:2026-03-10:vi": "5"}
    assert batches.apply_batch("stats:batch:x", fields) is True
    assert batches.apply_batch("stats:batch:x", fields) is False
    assert figures() == (5, 2, 2)


def test_reads_of_a_deleted_article_are_dropped_not_fatal(db, article):
    fields = {f"read:2026-03-10:{article.pk}": "3", "read:2026-03-10:999999": "4", "bogus": "1"}
    assert batches.apply_batch("stats:batch:y", fields) is True
    assert Article.objects.get(pk=article.pk).read_count == 3


def test_the_redis_totals_are_seeded_from_the_database_once(redis_store, article):
    DailyStat.objects.create(day=NOON.date().replace(day=1), page_views=100, visits=40, unique_readers=30)
    Article.objects.filter(pk=article.pk).update(read_count=10)
    answer = record(article.get_absolute_url())
    assert answer["visits"] == 41 and answer["reads"] == 11
    redis_client(REDIS_URL).delete("stats:visits", "stats:reads")  # e.g. evicted
    assert RedisCounter(REDIS_URL).total_visits() == 41  # 40 in the database + 1 pending
    assert RedisCounter(REDIS_URL).read_count(article.pk) == 11


def test_flush_without_redis_forgets_yesterdays_readers(database_store):
    record("/vi/")
    from datetime import timedelta

    assert Reader.objects.count() == 1
    stats_flush(now=NOON + timedelta(days=1, hours=2))
    assert Reader.objects.count() == 0 and ReadMarker.objects.count() == 0
    assert figures() == (1, 1, 1)  # the roll-ups stay
