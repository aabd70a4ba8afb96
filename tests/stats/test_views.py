"""The beacon endpoint: what it accepts, what it refuses, and that it never fails a page."""

import json

import pytest

from stats.models import DailyStat

from .conftest import CLOSED_PORT_REDIS, GOOGLEBOT, post_beacon


def counted_views():
    from stats.services import stats_flush

    stats_flush()
    return sum(DailyStat.objects.values_list("page_views", flat=True))


def test_beacon_counts_a_public_page_and_answers_the_figures(client, store, article):
    response = post_beacon(client, article.get_absolute_url(), article=article.pk)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert response.json() == {"counted": True, "visits": 1, "online": 1, "reads": 1}
    assert counted_views() == 1


def test_beacon_accepts_a_form_body_and_sec_fetch_site(client, store):
    response = client.post("/stats/beacon", {"path": "/en/"}, HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0",
                           HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 200 and response.json()["counted"] is True


def test_beacon_needs_no_csrf_token(store, article):
    from django.test import Client

    response = post_beacon(Client(enforce_csrf_checks=True), "/vi/")
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_beacon_refuses_anything_but_post(client, store, method):
    response = getattr(client, method)("/stats/beacon?path=/vi/", HTTP_ORIGIN="http://testserver")
    assert response.status_code == 405
    assert counted_views() == 0


@pytest.mark.parametrize("headers", [
    {"origin": "https://evil.example"},
    {"origin": "http://testserver.evil.example"},
    {"origin": None},  # no Origin and no Sec-Fetch-Site
    {"origin": None, "HTTP_SEC_FETCH_SITE": "cross-site"},
])
def test_beacon_refuses_other_sites(client, store, headers):
    assert post_beacon(client, "/vi/", **headers).status_code == 403
    assert counted_views() == 0


@pytest.mark.parametrize("user_agent", [
    GOOGLEBOT,
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
    "",
])
def test_bots_are_not_counted(client, store, user_agent):
    assert post_beacon(client, "/vi/", ua=user_agent).status_code == 403
    assert counted_views() == 0


@pytest.mark.parametrize("path", ["/vi/documents/", "/en/documents/drafts/", "/vi/questions/", "/vi/questions/ask/"])
def test_the_documents_and_questions_pages_are_counted(client, store, path):
    """Every public page sends the beacon: these count as visits too (they were refused with 403,
    an error in every reader's console)."""
    response = post_beacon(client, path)
    assert response.status_code == 200 and response.json()["counted"] is True
    assert counted_views() == 1


@pytest.mark.parametrize("path", ["/admin/", "/vi/rss/", "/vi/documents/rss/", "/vi/no-such-page/", "/stats/beacon", "/healthz",
                                  "/vi/articles/no-such-article/"])
def test_paths_that_are_not_public_pages_are_not_counted(client, store, path):
    assert post_beacon(client, path).status_code == 400
    assert counted_views() == 0


def test_a_draft_article_is_not_counted(client, store, draft_article):
    assert post_beacon(client, draft_article.get_absolute_url(), article=draft_article.pk).status_code == 400
    draft_article.refresh_from_db()
    assert draft_article.read_count == 0 and counted_views() == 0


def test_an_article_id_that_does_not_match_the_page_is_refused(client, store, article, category):
    from tests.conftest import make_article

    other = make_article(category, title="Bài khác", slug="bai-khac")
    assert post_beacon(client, article.get_absolute_url(), article=other.pk).status_code == 400
    assert counted_views() == 0


@pytest.mark.parametrize("body", [b"", b"not json", b"[1, 2]", b'{"path": 12}', b'{"path": "' + b"a" * 3000 + b'"}'])
def test_a_malformed_body_is_a_bad_request(client, store, body):
    response = client.post("/stats/beacon", body, content_type="application/json",
                           HTTP_ORIGIN="http://testserver", HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    assert response.status_code == 400


def test_beacons_past_the_ceiling_are_refused_with_429(client, store, settings):
    settings.STATS_BEACON_LIMIT = 3
    statuses = [post_beacon(client, "/vi/").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert counted_views() == 3


def test_a_reader_behind_the_portals_proxy_is_told_apart(client, database_store, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]  # the one X-Forwarded-For parser: TrustedProxyMiddleware
    for address in ("198.51.100.1", "198.51.100.2"):
        post_beacon(client, "/vi/", ip="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {address}")
    assert DailyStat.objects.get().unique_readers == 2


def test_redis_down_does_not_break_the_beacon_or_the_pages(client, db, settings, article, caplog):
    settings.REDIS_URL = CLOSED_PORT_REDIS
    response = post_beacon(client, article.get_absolute_url(), article=article.pk, ip="198.51.100.99")
    assert response.status_code == 200
    assert response.json() == {"counted": False, "visits": None, "online": None, "reads": None}
    assert "198.51.100.99" not in caplog.text
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert 'data-stats-beacon="/stats/beacon"' in page.text


def test_a_failing_database_write_does_not_break_the_beacon(client, database_store, monkeypatch, caplog):
    from django.db import OperationalError

    from stats.counters import DatabaseCounter

    def broken(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(DatabaseCounter, "record", broken)
    response = post_beacon(client, "/vi/")
    assert response.status_code == 200 and response.json()["counted"] is False
    assert "could not be recorded (OperationalError)" in caplog.text


def test_the_answer_is_json_even_for_refusals(client, store):
    response = post_beacon(client, "/admin/")
    assert json.loads(response.content) == {"counted": False}


def test_the_beacon_answers_quickly_when_all_of_redis_is_down(client, db, settings, article):
    import time

    from django.test import override_settings

    settings.REDIS_URL = CLOSED_PORT_REDIS
    broken_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                "LOCATION": CLOSED_PORT_REDIS,
                                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    # Restored before the test's teardown, which clears the (then working) cache.
    with override_settings(CACHES=broken_cache):
        started = time.monotonic()
        response = post_beacon(client, article.get_absolute_url(), article=article.pk)
    assert response.status_code == 200 and response.json()["counted"] is False
    assert time.monotonic() - started < 3


def test_the_beacon_answers_when_the_database_is_down(client, database_store, monkeypatch, article):
    from django.db import OperationalError

    from stats import services

    monkeypatch.setattr(services, "resolve", mock_raise(OperationalError("connection refused")))
    response = post_beacon(client, "/vi/")
    assert response.status_code == 200 and response.json()["counted"] is False


def mock_raise(error):
    def raiser(*args, **kwargs):
        raise error
    return raiser


def test_the_beacon_is_answered_before_sessions_and_languages(client, store, article):
    response = post_beacon(client, article.get_absolute_url(), article=article.pk)
    assert response.status_code == 200 and response.json()["counted"] is True
    assert "Cookie" not in response.get("Vary", "") and not response.cookies  # no session, no language
    assert response["X-Content-Type-Options"] == "nosniff"  # the security middleware ran


def test_answers_kept_in_the_process_expire_after_a_few_seconds(client, store, article, settings, monkeypatch):
    from stats import services

    settings.STATS_LOCAL_SECONDS = 10
    services._local.clear()
    clock = [1000.0]
    monkeypatch.setattr(services.time, "monotonic", lambda: clock[0])
    assert post_beacon(client, article.get_absolute_url(), article=article.pk).json()["counted"] is True
    article.is_shown = False
    article.save()
    from django.core.cache import cache

    cache.delete(f"stats:article:{article.slug}")  # as after the cache's own LOOKUP_TIMEOUT
    # Within the process's few seconds the taken-down article is still counted ...
    assert post_beacon(client, article.get_absolute_url(), article=article.pk,
                       ip="10.0.0.2").json()["counted"] is True
    clock[0] += 11
    # ... and no longer after them.
    assert post_beacon(client, article.get_absolute_url(), article=article.pk,
                       ip="10.0.0.3").status_code == 400
    services._local.clear()
