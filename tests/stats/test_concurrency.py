"""Exact totals when many readers' beacons reach a live server at the same time."""

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.db import connection

from articles.models import Article
from stats.models import ArticleDailyReads, DailyLanguageViews, DailyStat
from stats.services import stats_flush

from .conftest import REDIS_URL, redis_client

READERS = 12
VIEWS_EACH = 5
THREADS = 8
SQLITE_SHARED = ("the live server shares SQLite's in-memory test database through one connection, so its "
                 "requests cannot overlap; run with DATABASE_URL=postgres://...")


def send(url, origin, path, article, reader):
    body = json.dumps({"path": path, "article": article}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Origin": origin,
        # One address on the loopback: the browsers tell the readers apart.
        "User-Agent": f"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.{reader}",
    })
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def hammer(live_server, article):
    jobs = [(reader, n) for n in range(VIEWS_EACH) for reader in range(READERS)]
    lock = threading.Lock()
    results, errors = [], []

    def worker():
        while True:
            with lock:
                if not jobs:
                    return
                reader, _n = jobs.pop()
            try:
                results.append(send(f"{live_server.url}/stats/beacon", live_server.url,
                                    article.get_absolute_url(), article.pk, reader))
            except (urllib.error.URLError, OSError) as error:
                errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == READERS * VIEWS_EACH
    assert all(status == 200 and answer["counted"] for status, answer in results)
    return results


def an_article(category):
    from articles.models import ArticleType
    from tests.conftest import make_article

    # An earlier transactional test may have emptied the tables the data migrations filled.
    article_type = ArticleType.objects.first() or ArticleType.objects.create(name="Tin tức", is_default=True)
    return make_article(category, article_type=article_type)


def assert_exact_totals(article):
    day = DailyStat.objects.get()
    assert (day.page_views, day.visits, day.unique_readers) == (READERS * VIEWS_EACH, READERS, READERS)
    assert DailyLanguageViews.objects.get(language="vi").page_views == READERS * VIEWS_EACH
    assert Article.objects.get(pk=article.pk).read_count == READERS
    assert ArticleDailyReads.objects.get(article=article).reads == READERS


@pytest.mark.django_db(transaction=True)
def test_concurrent_beacons_count_exactly_in_the_database(live_server, settings, category):
    if connection.vendor == "sqlite":
        pytest.skip(SQLITE_SHARED)
    settings.REDIS_URL = ""
    article = an_article(category)
    results = hammer(live_server, article)
    assert_exact_totals(article)
    # The last answers show every visit and every reader online.
    assert max(answer["visits"] for _status, answer in results) == READERS
    assert max(answer["online"] for _status, answer in results) == READERS


@pytest.mark.django_db(transaction=True)
def test_concurrent_beacons_count_exactly_through_redis(live_server, settings, category):
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: the Redis store is tested when it is")
    if connection.vendor == "sqlite":
        pytest.skip(SQLITE_SHARED)
    settings.REDIS_URL = REDIS_URL
    redis_client(REDIS_URL).flushdb()
    article = an_article(category)
    stop = threading.Event()
    flush_errors = []

    def flusher():
        # flush_stats running all along must neither lose nor double anything.
        try:
            while not stop.is_set():
                stats_flush()
        except Exception as error:  # pragma: no cover - reported below
            flush_errors.append(error)
        finally:
            connection.close()

    flushing = threading.Thread(target=flusher)
    flushing.start()
    try:
        results = hammer(live_server, article)
    finally:
        stop.set()
        flushing.join()
    stats_flush()
    assert not flush_errors
    assert_exact_totals(article)
    assert max(answer["visits"] for _status, answer in results) == READERS
    assert max(answer["reads"] for _status, answer in results) == READERS
    redis_client(REDIS_URL).flushdb()
