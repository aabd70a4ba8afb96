import json
import os
from datetime import datetime, timezone as dt_timezone

import pytest

from stats.counters import redis_client
from stats.models import DailyStat
from stats.services import page_resolve, stats_flush, view_record

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/126.0.0.0 Safari/537.36")
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
READER_IP = "203.0.113.77"
# Noon in Hanoi: far from midnight, so moving time by an hour stays on the same day.
NOON = datetime(2026, 3, 10, 5, 0, tzinfo=dt_timezone.utc)
REDIS_URL = os.environ.get("REDIS_URL", "")
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def _use_database(settings):
    settings.REDIS_URL = settings.STATS_REDIS_URL = ""


def _use_redis(settings):
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: the Redis store is tested when it is")
    settings.REDIS_URL, settings.STATS_REDIS_URL = REDIS_URL, ""
    redis_client(REDIS_URL).flushdb()


@pytest.fixture(params=["database", "redis"])
def store(request, settings, db):
    """Each counting rule holds for both stores: the database directly, and Redis folded in."""
    (_use_database if request.param == "database" else _use_redis)(settings)
    yield request.param
    if request.param == "redis":
        redis_client(REDIS_URL).flushdb()


@pytest.fixture
def database_store(settings, db):
    _use_database(settings)
    return "database"


@pytest.fixture
def redis_store(settings, db):
    _use_redis(settings)
    yield "redis"
    redis_client(REDIS_URL).flushdb()


def record(path="/vi/", *, now=NOON, ip=READER_IP, ua=FIREFOX):
    page = page_resolve(path)
    assert page is not None, path
    return view_record(page=page, ip=ip, user_agent=ua, now=now)


def day_figures(day=None):
    """The day's roll-up as the statistics page sees it, after folding Redis in."""
    stats_flush(now=NOON)
    row = DailyStat.objects.filter(day=day or NOON.date()).first()
    return (row.page_views, row.visits, row.unique_readers) if row else (0, 0, 0)


def post_beacon(client, path, *, article=None, ua=FIREFOX, ip=READER_IP, origin="http://testserver", **extra):
    body = {"path": path}
    if article is not None:
        body["article"] = article
    headers = {"HTTP_USER_AGENT": ua, "REMOTE_ADDR": ip, **extra}
    if origin:
        headers["HTTP_ORIGIN"] = origin
    return client.post("/stats/beacon", json.dumps(body), content_type="application/json", **headers)
