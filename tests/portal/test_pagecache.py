"""Anonymous pages come from the cache; any change readers should see invalidates them at once."""

import gzip

import pytest

from articles.models import Article
from portal.models import SiteSettings
from tests.conftest import make_article


@pytest.fixture(autouse=True)
def cached(settings, db):
    settings.PAGE_CACHE_SECONDS = 60
    SiteSettings.load()  # a running site has its settings row; creating it bumps the version


def test_second_anonymous_view_is_a_cache_hit_without_queries(client, article, django_assert_num_queries):
    assert client.get("/vi/")["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        response = client.get("/vi/")
    assert response["X-Cache"] == "HIT"
    assert article.title_vi in response.text


def test_signed_in_staff_never_get_cached_pages(client, article, editor):
    client.get("/vi/")
    client.force_login(editor)
    response = client.get("/vi/")
    assert "X-Cache" not in response
    assert editor.get_full_name() in response.text


@pytest.mark.parametrize("change", ["edit", "hide", "unapprove", "feature_bulk", "settings", "new"])
def test_changes_readers_should_see_invalidate_the_cache(client, article, category, approver, change):
    client.get("/vi/")
    client.get(article.get_absolute_url())
    if change == "edit":
        article.title_vi = "Tiêu đề đã sửa"
        article.save()
    elif change == "hide":
        client.force_login(approver)
        client.post("/admin/articles/article/", {"action": "hide_selected", "_selected_action": [article.pk]})
        client.logout()
    elif change == "unapprove":
        from articles import services

        services.article_unpublish(article=article, by=approver)
    elif change == "feature_bulk":
        client.force_login(approver)
        client.post("/admin/articles/article/", {"action": "feature_selected", "_selected_action": [article.pk]})
        client.logout()
    elif change == "settings":
        site = SiteSettings.load()
        site.portal_name_vi = "Cổng đã đổi tên"
        site.save()
    elif change == "new":
        make_article(category, title="Bài vừa đăng")
    client.cookies.clear()
    home = client.get("/vi/")
    assert home["X-Cache"] == "MISS"
    expected = {
        "edit": lambda: "Tiêu đề đã sửa" in home.text,
        "hide": lambda: article.title_vi not in home.text,
        "unapprove": lambda: article.title_vi not in home.text,
        "feature_bulk": lambda: 'id="featured-title"' in home.text,
        "settings": lambda: "Cổng đã đổi tên" in home.text,
        "new": lambda: "Bài vừa đăng" in home.text,
    }[change]
    assert expected()


def test_posts_errors_and_non_html_are_not_cached(client, article):
    assert client.get("/vi/no-such-page/").status_code == 404
    assert "X-Cache" not in client.get("/healthz")
    response = client.get("/vi/no-such-page/")
    assert response.get("X-Cache") != "HIT"


def test_a_cache_that_is_down_does_not_break_pages(client, article, settings, cache_down):
    settings.PAGE_CACHE_SECONDS = 30
    for _ in range(2):
        response = client.get(f"/vi/articles/{article.slug}/")
        assert response.status_code == 200 and article.title_vi in response.text
        assert response["X-Cache"] == "MISS"


def test_conditional_get_answers_304(client, article):
    first = client.get("/vi/")
    assert first.has_header("ETag")
    again = client.get("/vi/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_html_is_gzipped_for_browsers_that_take_it(client, article):
    response = client.get("/vi/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


BROWSER = "gzip, deflate, br, zstd"


def test_browsers_get_the_gzipped_copy_kept_with_the_page(client, article):
    stored = client.get("/vi/", HTTP_ACCEPT_ENCODING=BROWSER)  # rendered, stored, sent gzipped
    first = client.get("/vi/", HTTP_ACCEPT_ENCODING=BROWSER)
    again = client.get("/vi/", HTTP_ACCEPT_ENCODING=BROWSER)
    plain = client.get("/vi/")
    assert stored["X-Cache"] == "MISS" and first["X-Cache"] == again["X-Cache"] == plain["X-Cache"] == "HIT"
    for response in (stored, first):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"] and "Cookie" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        assert gzip.decompress(response.content) == plain.content
    # Compressed once, when stored: GZipMiddleware pads each answer with random bytes.
    assert first.content == again.content == stored.content
    assert "Content-Encoding" not in plain and article.title_vi in plain.text
    assert first["ETag"] == "W/" + plain["ETag"]


@pytest.mark.parametrize("encoding", ["", BROWSER])
def test_conditional_get_answers_304_whichever_copy_the_browser_holds(client, article, encoding):
    client.get("/vi/")
    held = client.get("/vi/", HTTP_ACCEPT_ENCODING=encoding)["ETag"]
    for asked in ("", BROWSER):
        again = client.get("/vi/", HTTP_ACCEPT_ENCODING=asked, HTTP_IF_NONE_MATCH=held)
        assert again.status_code == 304


def test_a_scheduled_article_appears_when_its_time_comes_despite_the_cache(client, category):
    import time
    from unittest import mock

    from django.utils import timezone

    make_article(category, title="Đăng theo lịch", publish_at=timezone.now() + timezone.timedelta(minutes=10))
    assert "Đăng theo lịch" not in client.get("/vi/").text
    assert client.get("/vi/")["X-Cache"] == "HIT"
    later = timezone.now() + timezone.timedelta(minutes=11)
    with mock.patch("django.utils.timezone.now", return_value=later), \
            mock.patch("portal.middleware.time.time", return_value=later.timestamp()):
        response = client.get("/vi/")
    assert response["X-Cache"] == "MISS"
    assert "Đăng theo lịch" in response.text


def test_the_next_scheduled_time_is_kept_after_one_passes(client, category):
    from unittest import mock

    from django.core.cache import cache
    from django.utils import timezone

    from portal import pagecache

    soon = make_article(category, title="Sớm", publish_at=timezone.now() + timezone.timedelta(minutes=5))
    late = make_article(category, title="Muộn", publish_at=timezone.now() + timezone.timedelta(hours=2))
    assert cache.get(pagecache.DUE_KEY) == soon.publish_at.timestamp()
    later = soon.publish_at + timezone.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later), \
            mock.patch("portal.middleware.time.time", return_value=later.timestamp()):
        client.get("/vi/")
    assert cache.get(pagecache.DUE_KEY) == late.publish_at.timestamp()


def test_a_lost_version_never_brings_back_pages_of_an_earlier_one(client, article):
    """The cache's Redis may evict or restart; a page stored under an earlier version may still
    be there. The version starts again where no page was stored, however many changes follow."""
    from django.core.cache import cache

    from portal import pagecache

    original = client.get("/vi/").text  # stored under the version of now
    assert article.title_vi in original
    stored_under = cache.get(pagecache.VERSION_KEY)
    cache.delete(pagecache.VERSION_KEY)  # lost
    for n in range(1, 30):  # changes, until the version is back where the page was stored
        article.title_vi = f"Tiêu đề mới số {n}"
        article.save()
        if cache.get(pagecache.VERSION_KEY) >= stored_under:
            break
    html = client.get("/vi/").text
    assert f"Tiêu đề mới số {n}<" in html and html != original
