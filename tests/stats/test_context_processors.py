"""The footer's "Thống kê truy cập" figures, rendered with every public page."""

from django.core.cache import cache

from portal.models import SiteSettings
from stats.models import DailyStat
from stats.services import FOOTER_KEY

from .conftest import CLOSED_PORT_REDIS, NOON, record


def test_the_footer_shows_visits_as_odometer_digits_and_online_now(client, database_store):
    DailyStat.objects.create(day=NOON.date(), page_views=90, visits=41, unique_readers=30)
    page = client.get("/vi/").text
    assert "Thống kê truy cập" in page
    assert "Lượt truy cập" in page and "Đang online" in page
    visits = page.split('data-odometer="visits"')[1].split("</span></span>")[0]
    assert visits.count('class="odometer-digit"') == 7 and visits.endswith(">1")
    assert 'data-stat-text="visits">41<' in page  # the text form for screen readers
    assert 'aria-hidden="true" data-odometer="visits"' in page
    assert '<script src="/static/stats/beacon.js" defer></script>' in page


def test_the_footer_includes_the_starting_offset(client, database_store):
    site = SiteSettings.load()
    site.visits_offset = 1_234_567
    site.save()
    SiteSettings.forget()
    assert 'data-stat-text="visits">1.234.567<' in client.get("/vi/").text


def test_the_figures_are_cached_for_a_minute_and_cost_no_query_on_a_hit(client, database_store,
                                                                        django_assert_num_queries):
    client.get("/vi/")
    assert cache.get(FOOTER_KEY) is not None
    from stats.services import figures_cached

    with django_assert_num_queries(0):
        assert figures_cached()["visits"] == 0


def test_the_footer_stays_when_the_counters_are_unreachable(client, db, settings):
    settings.REDIS_URL = CLOSED_PORT_REDIS
    page = client.get("/en/")
    assert page.status_code == 200
    assert "Visitor statistics" in page.text
    assert 'data-stat-text="visits">–<' in page.text


def test_the_dashboard_item_shows_readers_online_to_those_allowed(rf, database_store, editor, django_user_model):
    from portal.roles import ADMINISTRATORS
    from stats.dashboard import dashboard_items
    from tests.conftest import make_staff

    record("/vi/")
    request = rf.get("/admin/")
    request.user = editor
    assert dashboard_items(request) == []
    request.user = make_staff(django_user_model, "admin1", ADMINISTRATORS)
    [item] = dashboard_items(request)
    assert item["url"] == "/admin/stats/dailystat/"
    assert isinstance(item["count"], int)
