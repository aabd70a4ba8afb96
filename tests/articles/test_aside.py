"""The article page's side column: the latest articles and the most read of the last seven days."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from portal.models import SiteSettings
from stats.models import ArticleDailyReads
from stats.rankings import most_read_refresh
from tests.conftest import make_article


@pytest.fixture(autouse=True)
def running_site(db):
    SiteSettings.load()  # a running site has its settings row; creating it bumps the page-cache version


def aside(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = re.search(r'<aside class="article-aside".*?</aside>', response.text, re.S)
    return found.group(0) if found else ""


def vi(article):
    return f"/vi/articles/{article.slug}/"


def section(html, title_id):
    found = re.search(rf'id="{title_id}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def titles(html):
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', html)


def reads(article, days_ago, n):
    ArticleDailyReads.objects.create(article=article, day=timezone.localdate() - timedelta(days=days_ago), reads=n)


def rank():
    """What flush_stats does after folding the counts in (every minute in production)."""
    most_read_refresh(today=timezone.localdate())


def test_the_latest_public_articles_newest_first(client, category):
    now = timezone.now()
    shown = [make_article(category, title=f"Tin số {i}", publish_at=now - timedelta(hours=10 - i)) for i in range(8)]
    make_article(category, title="Bản nháp chưa duyệt", approval=Article.Approval.DRAFT)
    make_article(category, title="Bài đã ẩn", is_shown=False)
    make_article(category, title="Bài hẹn giờ", publish_at=now + timedelta(hours=2))
    latest = section(aside(client, vi(shown[0])), "aside-latest-title")
    assert "Tin mới nhất" in latest
    assert titles(latest) == [f"Tin số {i}" for i in range(7, 1, -1)]  # six, the newest first


def test_the_most_read_of_the_last_seven_days_with_their_reads(client, category):
    old_favourite = make_article(category, title="Đọc nhiều tháng trước")
    steady = make_article(category, title="Đọc đều trong tuần")
    peak = make_article(category, title="Đọc nhiều sáu ngày trước")
    hidden = make_article(category, title="Bài đã gỡ", is_shown=False)
    reads(old_favourite, 7, 1000)  # eight days ago: outside the week
    reads(steady, 0, 5)
    reads(steady, 1, 10)
    reads(peak, 6, 20)
    reads(hidden, 0, 500)
    rank()
    most_read = section(aside(client, vi(steady)), "aside-most-read-title")
    assert "Đọc nhiều nhất 7 ngày qua" in most_read
    assert titles(most_read) == ["Đọc nhiều sáu ngày trước", "Đọc đều trong tuần"]
    assert "20 lượt đọc" in most_read and "15 lượt đọc" in most_read
    assert "<ol" in most_read  # a ranking, announced as one


def test_without_reads_this_week_there_is_no_ranking(client, article):
    html = aside(client, vi(article))
    assert "aside-latest-title" in html and "aside-most-read-title" not in html


def test_the_english_column_lists_translated_articles_only(client, category):
    translated = make_article(category, title="Bài có bản dịch", title_en="A translated story")
    untranslated = make_article(category, title="Bài chưa dịch", title_en="")
    reads(translated, 0, 3)
    reads(untranslated, 0, 30)
    rank()
    html = aside(client, f"/en/articles/{translated.slug}/")
    assert 'aria-label="More news"' in html and "Latest news" in html and "Most read in the last 7 days" in html
    assert titles(section(html, "aside-latest-title")) == ["A translated story"]
    assert titles(section(html, "aside-most-read-title")) == ["A translated story"]
    assert "3 reads" in html


def test_a_new_article_shows_at_once_and_a_new_ranking_when_the_column_expires(client, category):
    from django.core.cache import caches

    first = make_article(category, title="Bài thứ nhất")
    url = vi(first)
    assert "aside-most-read-title" not in aside(client, url)
    make_article(category, title="Bài vừa đăng")  # publishing bumps the page-cache version
    assert "Bài vừa đăng" in aside(client, url)
    reads(first, 0, 42)
    rank()  # flush_stats: no page-cache change
    assert "aside-most-read-title" not in aside(client, url)  # kept until the column expires
    caches["fragments"].clear()  # DJANGO_FRAGMENT_CACHE_SECONDS later
    assert titles(section(aside(client, url), "aside-most-read-title")) == ["Bài thứ nhất"]


def test_the_ranking_is_read_as_flush_stats_kept_it_never_summed_on_a_page(client, category, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0  # nothing cached: the column is rendered every time
    article = make_article(category, title="Bài đọc nhiều")
    other = make_article(category, title="Bài khác")
    reads(article, 0, 7)
    rank()
    with CaptureQueriesContext(connection) as queries:
        html = aside(client, vi(other))
    assert "Bài đọc nhiều" in section(html, "aside-most-read-title")
    assert not any("stats_articledailyreads" in query["sql"] for query in queries.captured_queries)
