"""What the performance work changed must not change what readers and editors see."""

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, Category
from articles.search import search_articles
from articles.views import HOME_PER_CATEGORY, latest_by_category
from tests.conftest import make_article

HOURS = timezone.timedelta(hours=1)


def test_home_shows_the_latest_of_every_category_in_navigation_order(db, client, django_assert_max_num_queries):
    categories = [Category.objects.create(name_vi=f"Mục {n}", slug=f"muc-{n}", order=12 - n) for n in range(12)]
    now = timezone.now()
    expected = {}
    for category in categories:
        articles = [make_article(category, title=f"{category.slug} bài {i}", publish_at=now - (i + 1) * HOURS)
                    for i in range(HOME_PER_CATEGORY + 2)]
        expected[category.pk] = [a.pk for a in articles[:HOME_PER_CATEGORY]]
    make_article(categories[0], title="Bản nháp", approval=Article.Approval.DRAFT, publish_at=now)
    make_article(categories[0], title="Hẹn giờ", publish_at=now + HOURS)

    latest = latest_by_category()
    by_category = {}
    for article in latest:
        by_category.setdefault(article.category_id, []).append(article.pk)
    assert by_category == expected
    order = [pk for pk in dict.fromkeys(a.category_id for a in latest)]
    assert order == [c.pk for c in sorted(categories, key=lambda c: (c.order, c.pk))]

    client.get("/vi/")
    with django_assert_max_num_queries(8):
        html = client.get("/vi/").text
    assert "Bản nháp" not in html and "Hẹn giờ" not in html
    assert html.index(f'id="cat-{categories[-1].pk}"') < html.index(f'id="cat-{categories[0].pk}"')


def test_home_lists_an_english_page_with_translated_articles_only(client, category):
    make_article(category, title="Chỉ tiếng Việt", title_en="")
    make_article(category, title="Song ngữ", title_en="Bilingual")
    html = client.get("/en/").text
    assert "Bilingual" in html and "Chỉ tiếng Việt" not in html


@pytest.mark.parametrize("page_cache", [0, 300])
def test_the_cached_count_follows_publishing_and_hiding(client, settings, category, page_cache):
    settings.PAGE_CACHE_SECONDS = page_cache
    for i in range(10):
        make_article(category, title=f"Bài số {i}")
    url = f"/vi/category/{category.slug}/"
    assert client.get(url).context["paginator"].count == 10
    assert 'rel="next"' not in client.get(url).text

    extra = make_article(category, title="Bài thứ mười một")
    response = client.get(url)
    assert response.context["paginator"].count == 11 and 'rel="next"' in response.text
    assert "Bài số 0" in client.get(url, {"page": 2}).text

    extra.is_shown = False
    extra.save()
    response = client.get(url)
    assert response.context["paginator"].count == 10 and 'rel="next"' not in response.text


@pytest.mark.parametrize("fragments", [0, 600])
def test_the_cached_count_follows_a_scheduled_article_when_its_time_comes(client, settings, category, fragments):
    from unittest import mock

    from portal.models import SiteSettings

    settings.FRAGMENT_CACHE_SECONDS = fragments
    SiteSettings.load()  # a running site
    for i in range(10):
        make_article(category, title=f"Bài số {i}")
    make_article(category, title="Bài hẹn giờ", publish_at=timezone.now() + timezone.timedelta(seconds=20))
    url = f"/vi/category/{category.slug}/"
    assert client.get(url).context["paginator"].count == 10
    later = timezone.now() + timezone.timedelta(seconds=21)  # the count is still in the cache
    with mock.patch("django.utils.timezone.now", return_value=later), \
            mock.patch("portal.pagecache.time.time", return_value=later.timestamp()):
        response = client.get(url)
    assert response.context["paginator"].count == 11
    assert "Bài hẹn giờ" in response.text and 'rel="next"' in response.text


def test_the_cached_count_is_per_category_language_and_query(client, category):
    other = Category.objects.create(name_vi="Văn hóa", slug="van-hoa")
    for i in range(3):
        make_article(category, title=f"Dân vận {i}", title_en="")
    make_article(other, title="Dân vận văn hóa", title_en="Culture")
    assert client.get(f"/vi/category/{category.slug}/").context["paginator"].count == 3
    assert client.get(f"/vi/category/{other.slug}/").context["paginator"].count == 1
    assert client.get(f"/en/category/{category.slug}/").context["paginator"].count == 0
    assert client.get("/vi/search/", {"q": "dan van"}).context["paginator"].count == 4
    assert client.get("/vi/search/", {"q": "van hoa"}).context["paginator"].count == 1
    assert client.get("/en/search/", {"q": "culture"}).context["paginator"].count == 1


def test_the_archive_month_count_follows_publishing(client, category):
    month = f"/vi/archive/{timezone.localdate():%Y/%m}/"
    make_article(category, title="Bài tháng này")
    assert client.get(month).context["paginator"].count == 1
    make_article(category, title="Bài nữa")
    assert client.get(month).context["paginator"].count == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored tsvector columns exist on PostgreSQL only")
def test_postgresql_search_reads_the_stored_vectors_kept_by_the_database(client, category):
    article = make_article(category, title="Chuyển đổi số ở xã", title_en="Digital transformation")
    make_article(category, title="Lễ hội mùa xuân", title_en="Spring festival")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector_vi::text FROM articles_article WHERE id = %s", [article.pk])
        assert "'chuyen':1A" in cursor.fetchone()[0]
    found = search_articles("chuyen doi so", language="vi")
    assert [a.pk for a in found] == [article.pk]
    assert 'AS "document"' not in str(found.query)  # the vector is not fetched
    assert article.title_vi in client.get("/vi/search/", {"q": "chuyen doi so"}).text
    # Title words (weight A) rank above body words (weight B).
    body_hit = make_article(category, title="Tin khác", content_vi="<p>Bàn về chuyển đổi số.</p>")
    html = client.get("/vi/search/", {"q": "chuyen doi so"}).text
    assert [a.pk for a in search_articles("chuyen doi so", language="vi")] == [article.pk, body_hit.pk]
    assert html.index(article.title_vi) < html.index(body_hit.title_vi)
    # The database recomputes the vector when the text changes.
    article.title_vi = "Cải cách hành chính"
    article.save()
    assert "Cải cách hành chính" in client.get("/vi/search/", {"q": "cai cach"}).text
    assert client.get("/vi/search/", {"q": "chuyen doi so"}).context["paginator"].count == 1
    # English searches read the English vector.
    assert client.get("/en/search/", {"q": "digital"}).context["paginator"].count == 1
    assert client.get("/en/search/", {"q": "cai cach"}).context["paginator"].count == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN output is PostgreSQL's")
def test_the_approvers_list_ordering_is_served_by_the_expression_index(category):
    from django.contrib.admin.sites import site
    from django.db.models import Case, IntegerField, Q, Value, When

    ordering = site._registry[Article].get_ordering(type("R", (), {"user": type("U", (), {
        "has_perm": staticmethod(lambda perm: True)})()})())
    queue = Case(When(Q(approval=Article.Approval.PENDING), then=Value(0)), default=Value(1),
                 output_field=IntegerField())
    assert str(ordering[0]) == str(queue.asc())
    for i in range(3):
        make_article(category, title=f"Bài {i}")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = Article.objects.order_by(*ordering)[:50].query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_approval_queue_idx" in plan and "Sort" not in plan.split("article_approval_queue_idx")[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN output is PostgreSQL's")
def test_the_editors_list_reads_two_indexes_instead_of_sorting_the_archive(client, editor, category, monkeypatch):
    from django.contrib.admin.sites import site
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(site._registry[Article], "list_per_page", 2)
    for i in range(3):
        make_article(category, title=f"Bài {i}")
    make_article(category, title="Nháp", approval=Article.Approval.DRAFT, created_by=editor)
    client.force_login(editor)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: make the planner act as at scale
    for page in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/articles/article/", {"p": page}).status_code == 200
        pages = [q["sql"] for q in queries.captured_queries
                 if q["sql"].startswith("SELECT") and 'FROM "articles_article"' in q["sql"] and " LIMIT " in q["sql"]]
        assert pages
        with connection.cursor() as cursor:
            for sql in pages:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "Sort" not in plan, plan
                assert "article_unfinished_idx" in plan or "article_newest_idx" in plan, plan


def test_the_admin_month_filter_lists_recent_months_and_filters(client, approver, category):
    now = timezone.localtime()
    this_month = make_article(category, title="Bài tháng này", publish_at=now)
    old = make_article(category, title="Bài năm ngoái", publish_at=now - timezone.timedelta(days=400))
    client.force_login(approver)
    html = client.get("/admin/articles/article/").text
    assert f"?month={now:%Y-%m}" in html
    html = client.get("/admin/articles/article/", {"month": f"{now:%Y-%m}"}).text
    assert this_month.title_vi in html and old.title_vi not in html
    html = client.get("/admin/articles/article/", {"month": "bad"}).text
    assert this_month.title_vi in html and old.title_vi in html


def test_statistics_rankings_are_recomputed_after_a_flush(category):
    from stats import reports
    from stats.models import ArticleDailyReads
    from stats.services import stats_flush

    article = make_article(category)
    today = timezone.localdate()
    ArticleDailyReads.objects.create(article=article, day=today, reads=5)
    assert reports.top_articles(today, today)[0]["reads"] == 5
    ArticleDailyReads.objects.filter(article=article).update(reads=7)
    assert reports.top_articles(today, today)[0]["reads"] == 5  # cached until the next flush
    stats_flush()
    assert reports.top_articles(today, today)[0]["reads"] == 7
    assert reports.top_categories(today, today)[0]["reads"] == 7


def test_the_admin_lists_cached_count_follows_new_and_deleted_articles(client, approver, editor, category):
    make_article(category, title="Một")
    client.force_login(approver)
    url = "/admin/articles/article/"
    assert client.get(url).context["cl"].result_count == 1
    second = make_article(category, title="Hai", approval=Article.Approval.DRAFT, created_by=editor)
    assert client.get(url).context["cl"].result_count == 2
    assert client.get(url, {"approval__exact": "draft"}).context["cl"].result_count == 1
    second.delete()
    assert client.get(url).context["cl"].result_count == 1
    assert client.get(url, {"approval__exact": "draft"}).context["cl"].result_count == 0
