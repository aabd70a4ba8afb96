"""Counts one address cannot inflate, beacon bodies that cannot fail, flush_stats in an outage."""

import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from stats.counters import redis_client
from stats.models import DailyStat
from stats.services import stats_flush

from .conftest import (CLOSED_PORT_REDIS, NOON, REDIS_URL, _use_database, _use_redis, day_figures, post_beacon,
                       record)
from .test_concurrency import SQLITE_SHARED, an_article, send

MINUTE = timedelta(minutes=1)


def totals():
    """Every day's page views, visits and readers, as the statistics page sees them."""
    stats_flush()
    rows = DailyStat.objects.values_list("page_views", "visits", "unique_readers")
    return tuple(sum(column) for column in zip(*rows)) or (0, 0, 0)


def browser(n):
    """A different, ordinary browser for every n: what an attacker rotating user agents sends."""
    return f"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.{n}"


# -- new readers per address ---------------------------------------------------------------

def test_one_address_changing_its_browser_counts_at_most_the_default_cap(client, store, article):
    statuses, answers = [], []
    for n in range(130):
        response = post_beacon(client, article.get_absolute_url(), article=article.pk, ua=browser(n))
        statuses.append(response.status_code)
        answers.append(response.json())
    assert set(statuses) == {200}  # the beacons past the cap are answered as usual
    assert sum(answer["counted"] for answer in answers) == 100
    assert max(answer["online"] or 0 for answer in answers) == 100
    assert totals() == (100, 100, 100)
    assert Article.objects.get(pk=article.pk).read_count == 100


def test_readers_already_counted_and_other_addresses_still_count_past_an_address_cap(store, settings):
    settings.STATS_NEW_READERS_PER_ADDRESS = 3
    assert [record("/vi/", ua=browser(n))["counted"] for n in range(5)] == [True] * 3 + [False] * 2
    assert record("/vi/", ua=browser(0), now=NOON + MINUTE)["counted"] is True  # known: not new
    assert record("/vi/", ip="198.51.100.4", ua=browser(4), now=NOON + MINUTE)["counted"] is True
    assert day_figures() == (5, 4, 4)


def test_an_address_counts_new_readers_again_in_the_next_window(store, settings):
    settings.STATS_NEW_READERS_PER_ADDRESS = 2
    settings.STATS_NEW_READERS_WINDOW = 600
    assert [record("/vi/", ua=browser(n))["counted"] for n in range(3)] == [True, True, False]
    assert record("/vi/", ua=browser(2), now=NOON + 11 * MINUTE)["counted"] is True
    assert day_figures() == (3, 3, 3)


def test_the_cap_counts_ipv6_readers_by_their_network(store, settings):
    settings.STATS_NEW_READERS_PER_ADDRESS = 2
    # One subscriber's /64 holds billions of addresses: it is one address for the cap.
    answers = [record("/vi/", ip=f"2001:db8:1:2::{n:x}", ua=browser(n))["counted"] for n in range(4)]
    assert answers == [True, True, False, False]
    assert record("/vi/", ip="2001:db8:1:3::1", ua=browser(9))["counted"] is True


def test_the_cap_is_off_at_zero(store, settings):
    settings.STATS_NEW_READERS_PER_ADDRESS = 0
    assert all(record("/vi/", ua=browser(n))["counted"] for n in range(5))


def test_the_cap_keeps_and_logs_no_address(store, settings, caplog):
    settings.STATS_NEW_READERS_PER_ADDRESS = 1
    with caplog.at_level(logging.DEBUG):
        for n in range(3):
            record("/vi/", ip="198.51.100.123", ua=browser(n))
    assert "new readers" in caplog.text  # the operator is told the cap was reached ...
    assert "198.51.100.123" not in caplog.text  # ... but not by whom
    if store == "redis":
        keys = " ".join(redis_client(REDIS_URL).keys("*"))
        assert "198.51.100.123" not in keys and "198.51.100" not in keys


def test_an_address_rotating_browsers_adds_few_keys_to_redis(redis_store, settings):
    settings.STATS_NEW_READERS_PER_ADDRESS = 5
    for n in range(60):
        record("/vi/", ua=browser(n))
    # Five readers (their state) and the cap's counter; the shared counters are a handful.
    assert len(redis_client(REDIS_URL).keys("stats:*")) <= 5 + 1 + 5


def test_every_key_in_the_stats_redis_has_a_lifetime(redis_store, article):
    record(article.get_absolute_url())
    record("/en/", ip="198.51.100.2")
    stats_flush(now=NOON)  # a batch folded: beacons start a new pending hash
    record(article.get_absolute_url(), ip="198.51.100.3")
    client = redis_client(REDIS_URL)
    client.delete("stats:visits", "stats:reads")  # e.g. evicted: seeded again from the database
    record(article.get_absolute_url(), ip="198.51.100.4")
    keys = client.keys("stats:*")  # the cache may share this Redis in tests
    assert {"stats:pending", "stats:online", "stats:visits", "stats:reads"} <= set(keys)
    assert {key: client.ttl(key) for key in keys if client.ttl(key) < 0} == {}


def test_a_batch_waiting_for_the_database_keeps_its_lifetime(redis_store, monkeypatch):
    from stats import batches

    record("/vi/")
    monkeypatch.setattr(batches, "upsert_add", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        stats_flush(now=NOON)
    client = redis_client(REDIS_URL)
    (batch,) = client.smembers("stats:batches")
    assert client.ttl(batch) > 7 * 24 * 3600 and client.ttl("stats:batches") > 7 * 24 * 3600


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["database", "redis"])
def test_new_readers_arriving_at_once_from_one_address_stop_exactly_at_the_cap(live_server, settings, category,
                                                                                kind):
    if connection.vendor == "sqlite":
        pytest.skip(SQLITE_SHARED)
    (_use_redis if kind == "redis" else _use_database)(settings)
    settings.STATS_NEW_READERS_PER_ADDRESS = 10
    article = an_article(category)
    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda n: send(f"{live_server.url}/stats/beacon", live_server.url,
                                                   article.get_absolute_url(), article.pk, n), range(40)))
        assert {status for status, _answer in results} == {200}
        assert sum(answer["counted"] for _status, answer in results) == 10
        stats_flush()
        assert DailyStat.objects.values_list("page_views", "visits", "unique_readers").get() == (10, 10, 10)
        assert Article.objects.get(pk=article.pk).read_count == 10
    finally:
        if kind == "redis":
            redis_client(REDIS_URL).flushdb()


# -- hostile beacon bodies -----------------------------------------------------------------

DEEP = b"[" * 1020 + b"]" * 1020

HOSTILE_BODIES = [
    ("application/json", DEEP),
    ("application/json", b'{"path": "/vi/", "article": ' + b"[" * 1000 + b"]" * 1000 + b"}"),
    ("application/json", b'{"path": "/vi/", "x": ' + b'{"a":' * 400 + b"1" + b"}" * 400 + b"}"),
    ("text/plain", DEEP),
    ("application/json", b'{"path": "/vi/", "article": {"id": 1}}'),
    ("application/json", b'{"path": "/vi/", "article": 1e999}'),
    ("application/json", b'{"path": "/vi/", "article": NaN}'),
    ("application/json", b'{"path": "/vi/", "article": true}'),
    ("application/json", b'{"path": "/vi/", "article": -1}'),
    ("application/json", b'{"path": ["/vi/"]}'),
    ("application/json", b'{"path": null}'),
    ("application/json", b'{"path": "/vi/\\u0000"}'),
    ("application/json", b'{"path": "/vi/\\ud800"}'),
    ("application/json", b'{"path": "/vi/%ff%00"}'),
    ("application/json", b'{"path": "/vi/articles/\\ud800/"}'),
    ("application/json", b'{"path": "/vi/", "path": "/admin/"}'),
    ("application/json", b"\xff\xfe{\x00}"),
    ("application/json", b'"/vi/"'),
    ("application/json", b"1" * 2000),
    ("application/json", b'{"path": "/vi/", "x": "' + b"a" * 200_000 + b'"}'),
    ("multipart/form-data", b"--x\r\ngarbage"),
    ("multipart/form-data; boundary=x", b"--x\r\ngarbage"),
    ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % n for n in range(1500))),
    ("application/x-www-form-urlencoded", b"path=%ff%fe&article=%00"),
    ("application/x-www-form-urlencoded", b"path=/vi/&article=" + b"9" * 1000),
]


@pytest.mark.parametrize("content_type, body", HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_a_hostile_beacon_body_is_refused_and_counts_nothing(client, store, content_type, body):
    response = client.generic("POST", "/stats/beacon", body, content_type=content_type,
                              HTTP_ORIGIN="http://testserver", HTTP_USER_AGENT=browser(1))
    assert 400 <= response.status_code < 500 or response.status_code == 204, response.status_code
    assert totals() == (0, 0, 0)


def test_a_body_nested_past_the_recursion_limit_is_a_bad_request(client, store):
    response = client.generic("POST", "/stats/beacon", DEEP, content_type="application/json",
                              HTTP_ORIGIN="http://testserver", HTTP_USER_AGENT=browser(1))
    assert response.status_code == 400 and response.json() == {"counted": False}


# -- flush_stats in an outage ----------------------------------------------------------------

@pytest.mark.parametrize("down, named", [
    ({"STATS_REDIS_URL": CLOSED_PORT_REDIS}, "Redis"),
    ({"DATABASE_URL": "postgres://portal@127.0.0.1:1/portal"}, "database"),
])
def test_flush_stats_says_in_one_line_what_is_down_and_fails(settings, down, named):
    environment = {"PATH": os.environ["PATH"], "DJANGO_SECRET_KEY": "k" * 60,
                   "DJANGO_SETTINGS_MODULE": "portal.settings", **down}
    done = subprocess.run([sys.executable, "manage.py", "flush_stats"], cwd=settings.BASE_DIR, env=environment,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    said = [line for line in done.stderr.splitlines() if "not flushed" in line]
    assert len(said) == 1 and named in said[0] and "nothing is lost" in said[0].lower(), done.stderr


def test_counts_waiting_in_redis_are_flushed_after_its_outage(redis_store, settings):
    record("/vi/")
    settings.STATS_REDIS_URL = CLOSED_PORT_REDIS
    with pytest.raises(CommandError, match="Nothing is lost"):
        call_command("flush_stats")
    settings.STATS_REDIS_URL = REDIS_URL
    call_command("flush_stats", stdout=StringIO())
    assert day_figures() == (1, 1, 1)
