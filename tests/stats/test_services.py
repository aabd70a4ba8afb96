"""The counting rules, for both stores, with time moved by hand."""

from datetime import timedelta

from articles.models import Article
from portal.models import SiteSettings
from stats.models import ArticleDailyReads, DailyLanguageViews
from stats.services import figures_current, page_resolve

from .conftest import CHROME, FIREFOX, NOON, day_figures, record

MINUTE = timedelta(minutes=1)


def test_every_page_view_is_counted_and_the_first_is_a_visit(store):
    answer = record("/vi/")
    record("/vi/archive/", now=NOON + MINUTE)
    record("/en/search/", now=NOON + 2 * MINUTE)
    assert answer["counted"] is True and answer["visits"] == 1
    assert day_figures() == (3, 1, 1)


def test_a_visit_ends_after_30_minutes_without_a_page_view(store):
    record("/vi/")
    record("/vi/", now=NOON + 29 * MINUTE)  # still the same visit
    record("/vi/", now=NOON + 58 * MINUTE)  # 29 minutes after the last view: same visit
    answer = record("/vi/", now=NOON + 88 * MINUTE)  # 30 minutes without one: a new visit
    assert answer["visits"] == 2
    assert day_figures() == (4, 2, 1)


def test_readers_are_told_apart_by_address_and_browser(store):
    record("/vi/", ip="203.0.113.1", ua=FIREFOX)
    record("/vi/", ip="203.0.113.1", ua=CHROME)
    record("/vi/", ip="203.0.113.2", ua=FIREFOX)
    record("/vi/", ip="203.0.113.2", ua=FIREFOX, now=NOON + MINUTE)
    assert day_figures() == (4, 3, 3)


def test_the_daily_salt_makes_the_same_reader_new_the_next_day(store):
    record("/vi/")
    next_day = NOON + timedelta(days=1)
    record("/vi/", now=next_day)
    # 24 hours apart: a new visit anyway; the point is that the reader is unknown the next day.
    assert day_figures(NOON.date()) == (1, 1, 1)
    assert day_figures(next_day.date()) == (1, 1, 1)


def test_the_visit_total_includes_the_starting_offset(store):
    settings = SiteSettings.load()
    settings.visits_offset = 1_000_000
    settings.save()
    SiteSettings.forget()
    assert record("/vi/")["visits"] == 1_000_001
    assert figures_current(now=NOON)["visits"] == 1_000_001


def test_online_counts_distinct_readers_of_the_last_five_minutes(store):
    record("/vi/", ip="203.0.113.1")
    record("/vi/", ip="203.0.113.2", now=NOON + 2 * MINUTE)
    answer = record("/vi/", ip="203.0.113.2", now=NOON + 4 * MINUTE)
    assert answer["online"] == 2
    # Five minutes after the first reader's last view, only the second is still online.
    assert figures_current(now=NOON + 5 * MINUTE)["online"] == 1
    assert figures_current(now=NOON + 9 * MINUTE + 59 * timedelta(seconds=1))["online"] == 0


def test_the_online_window_is_a_site_setting(store):
    settings = SiteSettings.load()
    settings.online_window_minutes = 15
    settings.save()
    SiteSettings.forget()
    record("/vi/")
    assert figures_current(now=NOON + 14 * MINUTE)["online"] == 1
    assert figures_current(now=NOON + 15 * MINUTE)["online"] == 0


def test_an_article_read_counts_once_per_reader_per_30_minutes(store, article):
    path = article.get_absolute_url()
    first = record(path)
    assert first["reads"] == 1
    assert record(path, now=NOON + 10 * MINUTE)["reads"] == 1  # a refresh
    assert record(path, now=NOON + 29 * MINUTE)["reads"] == 1
    assert record(path, now=NOON + 30 * MINUTE)["reads"] == 2
    assert record(path, ip="203.0.113.9", now=NOON + 31 * MINUTE)["reads"] == 3  # another reader
    day_figures()
    article.refresh_from_db()
    assert article.read_count == 3
    assert ArticleDailyReads.objects.get(article=article, day=NOON.date()).reads == 3


def test_reads_add_to_the_count_the_article_already_had(store, article):
    Article.objects.filter(pk=article.pk).update(read_count=41)
    assert record(article.get_absolute_url())["reads"] == 42
    day_figures()
    article.refresh_from_db()
    assert article.read_count == 42


def test_more_than_a_few_hundred_beacons_an_hour_are_refused(store, settings):
    settings.STATS_BEACON_LIMIT = 5
    answers = [record("/vi/", now=NOON + n * timedelta(seconds=10)) for n in range(7)]
    assert [a["counted"] for a in answers] == [True] * 5 + [False] * 2
    assert answers[-1] == {"counted": False, "limited": True}
    assert day_figures() == (5, 1, 1)
    # Others are not affected, and an hour later the reader counts again.
    assert record("/vi/", ip="203.0.113.5", now=NOON + MINUTE)["counted"] is True
    assert record("/vi/", now=NOON + timedelta(hours=1, minutes=1))["counted"] is True
    assert day_figures() == (7, 3, 2)


def test_the_default_ceiling_is_a_few_hundred_an_hour(store):
    answers = [record("/vi/", now=NOON + n * timedelta(seconds=1)) for n in range(301)]
    assert sum(a["counted"] for a in answers) == 300


def test_page_views_are_counted_per_language(store):
    record("/vi/")
    record("/en/", ip="203.0.113.1")
    record("/en/archive/", ip="203.0.113.1", now=NOON + MINUTE)
    day_figures()
    views = dict(DailyLanguageViews.objects.filter(day=NOON.date()).values_list("language", "page_views"))
    assert views == {"vi": 1, "en": 2}


def test_only_public_pages_are_page_views(db, category, article, draft_article):
    assert page_resolve("/vi/").language == "vi"
    assert page_resolve("/en/archive/2026/03/") is not None
    assert page_resolve("/vi/search/?q=dân+vận") is not None
    assert page_resolve(category.get_absolute_url()) is not None
    assert page_resolve("/vi/about/") is not None
    assert page_resolve(article.get_absolute_url()).article_id == article.pk
    for path in ("/admin/", "/vi/rss/", "/sitemap.xml", "/stats/beacon", "/vi/no-such-page/", "/",
                 "/vi/articles/no-such-article/", "/vi/category/no-such-category/",
                 draft_article.get_absolute_url(), "/fr/", "https://elsewhere.example/vi/", "vi/", "",
                 f"/vi/articles/{article.slug}/files/1/", "/vi/" + "a" * 600):
        assert page_resolve(path) is None, path


def test_no_raw_ip_or_user_agent_is_stored(store, article):
    record(article.get_absolute_url(), ip="198.51.100.123", ua=FIREFOX)
    from django.apps import apps
    from django.core import serializers

    dumped = serializers.serialize("json", [obj for model in apps.get_app_config("stats").get_models()
                                            for obj in model.objects.all()])
    assert "198.51.100.123" not in dumped and "Firefox" not in dumped
    if store == "redis":
        from stats.counters import redis_client
        from .conftest import REDIS_URL

        client = redis_client(REDIS_URL)
        everything = " ".join(client.keys("stats:*"))
        for key in client.keys("stats:*"):
            kind = client.type(key)
            if kind == "hash":
                everything += " ".join(f"{k}={v}" for k, v in client.hgetall(key).items())
            elif kind == "string":
                everything += " " + (client.get(key) or "")
            elif kind == "zset":
                everything += " ".join(client.zrange(key, 0, -1))
            elif kind == "set":
                everything += " ".join(client.smembers(key))
        assert "198.51.100.123" not in everything and "Firefox" not in everything
