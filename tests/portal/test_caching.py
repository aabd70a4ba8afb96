"""Cache reads within a request: the common values in one round trip, each value read once,
never kept beyond the request, and a change made by the request itself seen at once."""

import pytest
from django.core.cache import cache

from portal import caching, pagecache
from portal.models import SiteSettings


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys of every read that reaches the cache, one list per round trip."""
    reads, depth = [], [0]
    get, get_many = cache.get, cache.get_many

    def counting(read, keys):
        def call(*args, **kwargs):
            if not depth[0]:  # the local-memory cache's get_many calls get itself
                reads.append(keys(args))
            depth[0] += 1
            try:
                return read(*args, **kwargs)
            finally:
                depth[0] -= 1
        return call

    counting_get = counting(get, lambda args: [args[0]])
    counting_get_many = counting(get_many, lambda args: list(args[0]))

    monkeypatch.setattr(cache, "get", counting_get)
    monkeypatch.setattr(cache, "get_many", counting_get_many)
    return reads


@pytest.fixture
def in_a_request():
    token = caching._request_values.set({})
    yield
    caching._request_values.reset(token)


def test_an_article_page_reads_the_cache_twice_and_the_database_not_at_all(
        client, article, cache_reads, django_assert_num_queries):
    SiteSettings.load()  # a running site has its settings row (creating it bumps the version)
    url = f"/vi/articles/{article.slug}/"
    client.get(url)  # fills the cache
    cache_reads.clear()
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200 and article.title_vi in response.text
    # first the article's row with the values every page reads, then the article's fragments
    assert len(cache_reads) == 2, cache_reads
    first, second = cache_reads
    assert SiteSettings.cache_key in first and pagecache.VERSION_KEY in first
    assert any(key.startswith("row:") and key.endswith(f":article:{article.slug}") for key in first)
    assert second and all(key.startswith("fragment:") for key in second)


@pytest.mark.parametrize("path", ["/vi/", "/en/", "/vi/search/?q=dan+van", "/vi/about/"])
def test_other_pages_read_the_common_values_once(client, article, cache_reads, path):
    client.get(path)
    cache_reads.clear()
    assert client.get(path).status_code == 200
    read = [key for keys in cache_reads for key in keys]
    assert read.count(SiteSettings.cache_key) == 1


def test_outside_a_request_every_read_goes_to_the_cache(db):
    cache.set("probe", 1)
    assert caching.read_many(["probe"]) == {"probe": 1}
    cache.set("probe", 2)
    assert caching.read_many(["probe"]) == {"probe": 2}


def test_within_a_request_each_value_is_read_once(db, in_a_request, cache_reads):
    cache.set("probe", 1)
    caching.read_ahead("probe")
    try:
        assert caching.read_many(["other"]) == {}
        assert "probe" in cache_reads[0]  # read ahead with the first read
        cache.set("probe", 2)
        assert caching.read_many(["probe"]) == {"probe": 1}
        assert len(cache_reads) == 1
    finally:
        caching.READ_AHEAD.remove("probe")


def test_a_change_made_by_the_request_is_seen_by_it(db, in_a_request):
    before = pagecache.current_version()
    pagecache.bump()
    assert pagecache.current_version() == before + 1
    site = SiteSettings.load()
    site.portal_name_vi = "Tên mới"
    site.save()
    assert SiteSettings.load().portal_name_vi == "Tên mới"


def test_a_broken_cache_still_serves_the_page(client, article, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "set", "add", "get_many", "set_many", "incr", "delete"):
        monkeypatch.setattr(cache, name, down)
    response = client.get(f"/vi/articles/{article.slug}/")
    assert response.status_code == 200 and article.title_vi in response.text


def test_a_hanging_cache_is_waited_for_once_per_request(client, article, monkeypatch):
    """Each read of a cache that does not answer costs a timeout: a page pays it once."""
    attempts = []

    def hangs(*args, **kwargs):
        attempts.append(args[:1])
        raise TimeoutError("no answer from the cache")

    for name in ("get", "get_many", "set", "set_many", "add", "incr"):
        monkeypatch.setattr(cache, name, hangs)
    response = client.get(f"/vi/articles/{article.slug}/")
    assert response.status_code == 200 and article.title_vi in response.text
    assert len(attempts) == 1, attempts
