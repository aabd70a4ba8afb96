"""A sweep of hostile input over every public URL and form.

Every answer is a 2xx, 3xx or 4xx; no input comes back unescaped; a rejected request stores
and changes nothing. The cases are a generated table, a few hundred of them, bounded in time.
"""

import itertools

import pytest
from django.test import Client

from articles.models import Article
from comments.models import Comment
from tests.conftest import make_article

MARK = "<script>alert('x1')</script>"
VALUES = [
    MARK,
    "javascript:alert(1)",
    "\"><img src=x onerror=alert('x2')>",
    "' OR '1'='1' --",
    "1; DROP TABLE articles_article; --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "%00",
    "\x00",
    "\u202e\u200b",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂",
    "a" * 10_000,
    "../../../../etc/passwd",
    "-1",
    "99999999999999999999999",
    "1e308",
    "NaN",
]
RAW_QUERIES = [
    "q=%FF%FE%FD", "page=%C0%AF", "q=%00", "page=%00", "q=" + "%E2%82" * 50, "q[]=1&q[]=2", "page=1&page=x",
    "%%%", "q=%", "=&=&=", "q=" + "x" * 100_000,
]
PATH_SUFFIXES = ["%00", "%FF", "..%2F..%2F", "%2e%2e/%2e%2e/", "a" * 3000, "%3Cscript%3E", "%E2%80%AE", "~", "'"]


@pytest.fixture
def site(category):
    article = make_article(category, title="Bài viết để thử", title_en="An article to test")
    return {"article": article, "category": category}


def public_urls(site):
    article, category = site["article"], site["category"]
    for lang in ("vi", "en"):
        yield f"/{lang}/"
        yield f"/{lang}/category/{category.slug}/"
        yield f"/{lang}/category/{category.slug}/rss/"
        yield f"/{lang}/articles/{article.slug}/"
        yield f"/{lang}/articles/{article.slug}/comment/"
        yield f"/{lang}/articles/{article.slug}/comment/form/"
        yield f"/{lang}/archive/"
        yield f"/{lang}/archive/2026/11/"
        yield f"/{lang}/search/"
        yield f"/{lang}/about/"
        yield f"/{lang}/rss/"
    yield "/"
    yield "/sitemap.xml"
    yield "/robots.txt"
    yield "/healthz"
    # Years Python's dates cannot hold with a month either side of them, in the pages' time zone.
    yield "/vi/archive/0001/01/"
    yield "/en/archive/9999/12/"


def assert_safe(response, url):
    assert response.status_code < 500, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert MARK.encode() not in body, f"{url} echoed the script unescaped"
    assert b"<img src=x onerror=alert('x2')>" not in body, f"{url} echoed the image unescaped"
    assert b"test-only-key" not in body, f"{url} leaked the secret key"


def snapshot():
    return (
        list(Article.objects.order_by("pk").values_list("pk", "title_vi", "approval", "read_count", "comment_count")),
        list(Comment.objects.order_by("pk").values_list("pk", "body", "status")),
    )


def test_odd_query_values_on_every_public_url(client, site):
    before = snapshot()
    for url, (key, value) in itertools.product(public_urls(site), itertools.product(("q", "page", "cpage"), VALUES)):
        assert_safe(client.get(url, {key: value}), url)
    assert snapshot() == before


def test_raw_malformed_query_strings(client, site):
    for url, query in itertools.product(public_urls(site), RAW_QUERIES):
        assert_safe(client.get(f"{url}?{query}"), f"{url}?{query}")


def test_odd_path_segments(client, site):
    article = site["article"]
    for prefix, suffix in itertools.product(
            ["/vi/", "/en/", "/vi/articles/", "/vi/category/", f"/vi/articles/{article.slug}/files/",
             "/vi/archive/", "/static/", "/media/", "/stats/", "/xx/"], PATH_SUFFIXES):
        assert_safe(client.get(prefix + suffix), prefix + suffix)


def test_non_utf8_bytes_in_the_path(site):
    from django.test.client import RequestFactory  # noqa: F401 - the raw path goes through the handler

    client = Client()
    response = client.generic("GET", "/vi/articles/%FF%FE/")
    assert response.status_code in (400, 404)


def test_wrong_methods_never_500(client, site):
    before = snapshot()
    for url in public_urls(site):
        for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
            response = client.generic(method, url, b"x=1", content_type="application/x-www-form-urlencoded")
            assert_safe(response, f"{method} {url}")
    assert snapshot() == before


def test_hostile_comment_posts_store_nothing_unless_valid_and_never_echo(client, site, settings):
    settings.COMMENTS_RATE_LIMIT = 10_000
    url = f"/vi/articles/{site['article'].slug}/comment/"
    before = Comment.objects.count()
    for field, value in itertools.product(("name", "email", "body", "captcha_0", "captcha_1", "website"), VALUES):
        data = {"name": "Nguyễn Văn A", "email": "a@example.com", "body": "Một góp ý hợp lệ đủ dài.",
                "captcha_0": "abc", "captcha_1": "WRONG", "website": ""}
        data[field] = value
        response = client.post(url, data)
        assert_safe(response, f"{url} {field}={value[:20]!r}")
    # The captcha answer was wrong every time: nothing was stored.
    assert Comment.objects.count() == before


def test_stored_hostile_comments_are_shown_escaped(client, site, approver):
    article = site["article"]
    comment = Comment.objects.create(article=article, name=MARK, email="x@example.com",
                                     body=f"{MARK}\n\"><img src=x onerror=alert('x2')>", reply=MARK,
                                     status=Comment.Status.APPROVED)
    article.comment_count = 1
    article.save()
    response = client.get(article.get_absolute_url())
    assert_safe(response, "article with hostile comment")
    assert "&lt;script&gt;" in response.text
    client.force_login(approver)
    assert_safe(client.get(f"/admin/comments/comment/{comment.pk}/change/"), "admin comment")
    assert_safe(client.get("/admin/comments/comment/"), "admin comment list")


def test_hostile_article_text_is_escaped_everywhere(client, category):
    article = make_article(category, title=MARK, title_en=MARK, summary_vi=MARK, pen_name=MARK,
                           image_caption_vi=MARK)
    for url in (article.get_absolute_url(), "/vi/", f"/vi/category/{category.slug}/", "/vi/search/?q=script",
                "/vi/rss/", "/sitemap.xml", "/en/"):
        assert_safe(client.get(url), url)


def test_oversized_bodies_are_refused(client, site, settings):
    url = f"/vi/articles/{site['article'].slug}/comment/"
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(url, {"name": "A", "body": huge})
    assert response.status_code in (400, 413)
    response = client.generic("POST", "/stats/beacon", huge.encode(), content_type="application/json",
                              HTTP_ORIGIN="http://testserver")
    assert response.status_code < 500


def test_beacon_survives_junk(client, site):
    before = snapshot()
    bodies = [b"", b"{", b"null", b"[]", b'{"path": 5}', b'{"path": "/vi/", "article": "x"}',
              b'{"path": "' + b"a" * 5000 + b'"}', b"\xff\xfe", b'{"path": "/admin/"}', MARK.encode()]
    for body, content_type in itertools.product(bodies, ("application/json", "text/plain",
                                                         "application/x-www-form-urlencoded")):
        response = client.generic("POST", "/stats/beacon", body, content_type=content_type,
                                  HTTP_ORIGIN="http://testserver", HTTP_USER_AGENT="Mozilla/5.0 Firefox/130.0")
        assert_safe(response, f"beacon {body[:20]!r}")
    articles_after = snapshot()[0]
    assert [row[:3] for row in articles_after] == [row[:3] for row in before[0]]


def test_missing_csrf_is_a_clear_403(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/vi/articles/{site['article'].slug}/comment/", {"name": "A"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.text


def test_disallowed_host_is_a_400(client, site):
    response = client.get("/vi/", HTTP_HOST="evil.example")
    assert response.status_code == 400
