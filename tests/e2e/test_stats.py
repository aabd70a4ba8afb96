"""In the browser: the footer's odometer moves, and an administrator reads the statistics page."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from portal.roles import ADMINISTRATORS
from stats.models import ArticleDailyReads, DailyStat

# Headless Chromium says so in its user agent and is rightly taken for a bot; a reader's browser does not.
READER_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/126.0.0.0 Safari/537.36")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def an_article(reference_data):
    from articles.models import ArticleType, Category
    from tests.conftest import make_article

    article_type = ArticleType.objects.first() or ArticleType.objects.create(name="Tin tức", is_default=True)
    category = Category.objects.create(name_vi="Tin tức", name_en="News", slug="tin-tuc")
    return make_article(category, article_type=article_type)


def test_opening_a_page_moves_the_footer_odometer(page, live_server, settings, an_article):
    settings.REDIS_URL = ""
    DailyStat.objects.create(day=timezone.localdate(), page_views=120, visits=41, unique_readers=35)
    page.set_extra_http_headers({"User-Agent": READER_UA})
    page.goto(f"{live_server.url}{an_article.get_absolute_url()}")
    footer = page.locator(".footer-stats")
    expect(footer.get_by_text("Thống kê truy cập")).to_be_visible()
    # Rendered with 41 visits; the beacon's answer rolls the wheels to 42.
    expect(page.locator('[data-odometer="visits"]')).to_have_text("0000042")
    expect(page.locator('[data-stat-text="visits"]')).to_have_text("42")
    expect(page.locator('[data-odometer="online"]')).to_have_text("001")
    expect(page.locator("[data-read-count]")).to_have_text("1")
    # A refresh within 30 minutes is the same visit and the same read.
    page.reload()
    expect(page.locator('[data-stat-text="visits"]')).to_have_text("42")
    expect(page.locator("[data-read-count]")).to_have_text("1")
    page.goto(f"{live_server.url}/en/")
    expect(page.locator('[data-stat-text="visits"]')).to_have_text("42")
    assert DailyStat.objects.get().page_views == 123


def test_an_administrator_switches_the_period_and_sees_the_chart(page, live_server, settings, django_user_model,
                                                                  an_article):
    settings.REDIS_URL = ""
    today = timezone.localdate()
    DailyStat.objects.bulk_create([
        DailyStat(day=today - timezone.timedelta(days=n), page_views=300 + n % 7 * 20, visits=100 + n % 7 * 9,
                  unique_readers=80 + n % 7 * 5) for n in range(120)])
    ArticleDailyReads.objects.create(article=an_article, day=today, reads=17)
    admin = django_user_model.objects.create_user("admin1", "admin1@example.gov.vn", "pass-Word-123",
                                                  is_staff=True)
    group, _created = Group.objects.get_or_create(name=ADMINISTRATORS)
    group.permissions.add(Permission.objects.get(content_type__app_label="stats", codename="view_statistics"))
    admin.groups.add(group)
    client = Client()
    client.force_login(admin)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Thống kê — bạn đọc đang online").click()
    expect(page.get_by_role("heading", name="Bạn đọc đang online")).to_be_visible()
    chart = page.locator("figure.statistics-chart svg")
    expect(chart).to_be_visible()
    expect(page.locator("figure.statistics-chart")).to_have_attribute("data-period", "30")
    expect(chart.get_by_text("Lượt truy cập")).to_be_visible()  # the legend
    expect(page.get_by_role("row", name=re.compile(an_article.title_vi))).to_contain_text("17")

    page.get_by_role("link", name="90 ngày").click()
    expect(page).to_have_url(re.compile(r"days=90"))
    expect(page.locator("figure.statistics-chart")).to_have_attribute("data-period", "90")
    expect(page.get_by_role("link", name="90 ngày")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("heading", name=re.compile("90 ngày qua"))).to_be_visible()
    # Three drawn lines, styled by the chart's stylesheet (a line is stroked, not filled).
    lines = page.locator("figure.statistics-chart svg .series .line")
    expect(lines).to_have_count(3)
    page.wait_for_load_state("load")  # the chart's stylesheet has arrived
    assert lines.first.evaluate("el => getComputedStyle(el).fill") == "none"
    assert lines.first.bounding_box()["width"] > 300
