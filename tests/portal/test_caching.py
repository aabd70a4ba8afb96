"""A cache outage costs speed, never a page: django-redis answers a miss and skips the write."""

import socket

import pytest

from portal.models import SiteSettings
from tests.comments.helpers import make_comment

PAGES = ["/vi/", "/en/", "/vi/category/{category}/", "/vi/articles/{article}/", "/en/articles/{article}/",
         "/vi/search/?q=dan+van", "/vi/archive/", "/vi/about/", "/vi/rss/", "/sitemap.xml"]


@pytest.mark.parametrize("path", PAGES)
def test_a_cache_that_is_down_still_serves_every_page(client, article, category, cache_down, settings, path):
    settings.PAGE_CACHE_SECONDS = 30
    url = path.format(category=category.slug, article=article.slug)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"


def test_writes_go_through_while_the_cache_is_down(client, article, approver, cache_down):
    comment = make_comment(article, body="Góp ý khi bộ nhớ đệm ngừng.")
    comment.approve(by=approver)
    site = SiteSettings.load()
    site.portal_name_vi = "Cổng thông tin khi bộ nhớ đệm ngừng"
    site.save()
    html = client.get(f"/vi/articles/{article.slug}/").text
    assert "Góp ý khi bộ nhớ đệm ngừng." in html and "Cổng thông tin khi bộ nhớ đệm ngừng" in html


@pytest.fixture
def hanging_cache(settings):
    """A Redis that takes connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    hangs = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{server.getsockname()[1]}/0",
             "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1}}
    settings.CACHES = {"default": hangs, "fragments": hangs}
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    yield
    server.close()


def test_a_hanging_cache_costs_timeouts_not_the_page(client, article, hanging_cache, settings):
    settings.PAGE_CACHE_SECONDS = 30
    response = client.get(f"/vi/articles/{article.slug}/")
    assert response.status_code == 200 and article.title_vi in response.text
