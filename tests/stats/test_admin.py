"""The statistics page in the admin: who may see it, what it shows, the CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.roles import ADMINISTRATORS
from stats.models import ArticleDailyReads, DailyLanguageViews, DailyStat
from tests.conftest import make_article, make_staff

URL = "/admin/stats/dailystat/"


@pytest.fixture
def administrator(db, django_user_model):
    return make_staff(django_user_model, "admin1", ADMINISTRATORS)


@pytest.fixture
def admin_browser(client, administrator, database_store):
    client.force_login(administrator)
    return client


@pytest.fixture
def a_year(db, category):
    today = timezone.localdate()
    DailyStat.objects.bulk_create([DailyStat(day=today - timedelta(n), page_views=30, visits=10, unique_readers=8)
                                   for n in range(400)])
    DailyLanguageViews.objects.bulk_create(
        [DailyLanguageViews(day=today - timedelta(n), language=lang, page_views=views)
         for n in range(400) for lang, views in (("vi", 24), ("en", 6))])
    popular = make_article(category, title="Bài được đọc nhiều", slug="doc-nhieu")
    quiet = make_article(category, title="Bài ít người đọc", slug="it-doc")
    ArticleDailyReads.objects.bulk_create(
        [ArticleDailyReads(article=popular, day=today - timedelta(n), reads=5) for n in range(400)]
        + [ArticleDailyReads(article=quiet, day=today - timedelta(n), reads=1) for n in range(400)])
    return popular, quiet


def test_administrators_have_the_view_statistics_permission(administrator):
    assert administrator.has_perm("stats.view_statistics")
    assert Group.objects.get(name=ADMINISTRATORS).permissions.filter(codename="view_statistics").exists()


def test_an_editor_may_not_see_the_statistics(client, editor, database_store):
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "export.csv?start=2026-01-01&end=2026-01-31").status_code == 403
    index = client.get("/admin/")
    assert URL not in index.text


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_admin_index_links_to_the_statistics(admin_browser):
    index = admin_browser.get("/admin/")
    assert index.status_code == 200
    assert f'href="{URL}"' in index.text
    assert "Statistics — readers online now" in index.text or "Thống kê — bạn đọc đang online" in index.text


def test_the_page_shows_online_now_the_periods_the_chart_and_the_rankings(admin_browser, a_year, client):
    from .conftest import post_beacon

    popular, quiet = a_year
    post_beacon(client, "/vi/")  # one reader online now (and one more page view today)
    response = admin_browser.get(URL, {"days": 7}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.text
    assert 'data-online-now>1<' in page
    today, all_time = response.context["summary"][0], response.context["summary"][-1]
    assert (today["page_views"], today["visits"]) == (31, 11)
    assert all_time["page_views"] == 400 * 30 + 1
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="chart-statistics"' in page
    assert "<script" not in page.split('id="chart-statistics"')[1].split("</svg>")[0]
    assert len(response.context["days"]) == 7
    assert [row["article"] for row in response.context["top_articles"]] == [popular, quiet]
    assert response.context["top_articles"][0]["reads"] == 35
    assert response.context["top_categories"][0]["reads"] == 42
    shares = {s["language"]: s["percent"] for s in response.context["shares"]}
    assert shares["en"] == pytest.approx(100 * 42 / (7 * 30 + 1), abs=0.1)


@pytest.mark.parametrize("days", [7, 30, 90, 365])
def test_the_page_answers_fast_over_a_year_of_data(admin_browser, a_year, days, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = admin_browser.get(URL, {"days": days})
    assert response.status_code == 200 and len(response.context["days"]) == days


def test_an_unknown_period_falls_back_to_30_days(admin_browser, a_year):
    assert len(admin_browser.get(URL, {"days": "abc"}).context["days"]) == 30


def test_the_csv_export_has_one_row_per_day_of_the_range(admin_browser, a_year):
    today = timezone.localdate()
    DailyStat.objects.filter(day=today - timedelta(2)).delete()  # a day without a view
    start, end = today - timedelta(3), today
    response = admin_browser.get(URL + "export.csv", {"start": start.isoformat(), "end": end.isoformat()},
                                 HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="statistics-{start}-{end}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 5
    assert rows[1] == [start.isoformat(), "30", "10", "8", "24", "6"]
    assert rows[2][0] == (today - timedelta(2)).isoformat() and rows[2][1:4] == ["0", "0", "0"]


@pytest.mark.parametrize("query", [
    {"start": "2026-02-30", "end": "2026-03-01"},
    {"start": "yesterday", "end": "today"},
    {"start": "2026-03-10", "end": "2026-03-01"},
    {"start": "1900-01-01", "end": "2026-03-01"},
    {"start": "2026-03-01"},
    {},
])
def test_bad_dates_show_the_form_errors_not_a_crash(admin_browser, query):
    response = admin_browser.get(URL + "export.csv", query)
    assert response.status_code == 400
    assert 'class="errorlist' in response.text


def test_the_chart_stylesheet_is_served_for_the_page(admin_browser):
    response = admin_browser.get(URL + "chart.css")
    assert response.status_code == 200 and "#chart-statistics" in response.text
