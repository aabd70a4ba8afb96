"""The article page keeps its dear parts (text, comments, the side column) in {% cache %} blocks.

What a reader must see: every change at once, whichever part it touches; what the server
must do: render each part again only when what it shows has changed.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from portal import pagecache
from portal.models import SiteSettings
from tests.comments.helpers import make_comment
from tests.conftest import make_article


@pytest.fixture(autouse=True)
def running_site(db):
    SiteSettings.load()  # a running site has its settings row; creating it bumps the version


def vi(article):
    return f"/vi/articles/{article.slug}/"


def render(client, url, **params):
    """The page's HTML, and which cached blocks were rendered again (by the templates they include)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    templates = {template.name for template in response.templates}
    rendered = {part for part, name in (("body", "articles/includes/article_body.html"),
                                        ("comments", "comments/includes/comments.html"),
                                        ("aside", "stats/includes/most_read.html")) if name in templates}
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    if 'NOT ("articles_article"."id" =' in sql:  # the same category's articles, but this one
        rendered.add("others")
    return response.text, rendered


def test_a_second_render_reuses_every_part(client, article):
    first, rendered = render(client, vi(article))
    assert rendered == {"body", "comments", "others", "aside"}
    again, rendered = render(client, vi(article))
    assert rendered == set()
    assert again == first


def test_editing_the_article_shows_the_new_text_at_once(client, article):
    render(client, vi(article))
    article.content_vi = "<p>Nội dung đã được biên tập lại.</p>"
    article.save()
    html, rendered = render(client, vi(article))
    assert "Nội dung đã được biên tập lại." in html and "Nội dung bài viết về công tác dân vận." not in html
    assert "body" in rendered


def test_an_unrelated_change_keeps_the_text_and_refreshes_the_rest(client, article, category):
    render(client, vi(article))
    make_article(category, title="Bài mới cùng chuyên mục")  # bumps the page-cache version
    html, rendered = render(client, vi(article))
    assert "Bài mới cùng chuyên mục" in html  # in "Other articles"
    assert rendered == {"comments", "others", "aside"}  # the article's own text was not rendered again


def test_comments_follow_moderation_at_once(client, article, approver):
    url = vi(article)
    comment = make_comment(article, status=Comment.Status.PENDING, body="Xin hỏi về thủ tục.")
    assert "Xin hỏi về thủ tục." not in render(client, url)[0]
    comment.approve(by=approver)
    assert "Xin hỏi về thủ tục." in render(client, url)[0]
    comment.set_reply("Thủ tục đã được niêm yết.", by=approver)
    assert "Thủ tục đã được niêm yết." in render(client, url)[0]
    comment.reject(by=approver)
    assert "Xin hỏi về thủ tục." not in render(client, url)[0]


@pytest.mark.parametrize("asked", ["-1", "0", "99", "x", "2.0", "9" * 5000, "last"])
def test_odd_comment_page_numbers_never_store_one_page_under_another(client, article, settings, asked):
    settings.COMMENTS_PER_PAGE = 5
    for n in range(7):
        make_comment(article, body=f"Ý kiến số {n:02d}.")
    url = vi(article)
    assert render(client, url, cpage=asked)[0]
    first, second = render(client, url)[0], render(client, url, cpage="2")[0]
    assert "Ý kiến số 00." in first and "Ý kiến số 06." not in first  # in the order they came
    assert "Ý kiến số 06." in second and "Ý kiến số 00." not in second


def test_each_language_has_its_own_text(client, article):
    assert "Nội dung bài viết về công tác dân vận." in render(client, vi(article))[0]
    english = render(client, f"/en/articles/{article.slug}/")[0]
    assert "The article&#x27;s content." in english or "The article's content." in english
    assert "Nội dung bài viết về công tác dân vận." not in english


def test_a_new_release_never_reads_what_the_last_one_cached():
    """DJANGO_RELEASE is part of every cache key: HTML rendered by the previous templates is never served."""
    import subprocess
    import sys

    def prefixes(release):
        code = "from portal import settings as s; print(s.CACHES['default']['KEY_PREFIX'], s.CACHES['fragments']['KEY_PREFIX'])"
        env = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_RELEASE": release, "PATH": "/usr/bin:/bin"}
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.split()

    first, second = prefixes("2026.12.01-a1b2c3"), prefixes("2026.12.02-d4e5f6")
    assert all("a1b2c3" in prefix for prefix in first) and all("d4e5f6" in prefix for prefix in second)


def test_turned_off_every_part_is_rendered_every_time(client, article, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    render(client, vi(article))
    assert render(client, vi(article))[1] == {"body", "comments", "others", "aside"}


def test_a_cache_that_is_down_costs_rendering_not_pages(client, article, cache_down):
    html, rendered = render(client, vi(article))
    assert article.title_vi in html and "Nội dung bài viết về công tác dân vận." in html
    assert rendered == {"body", "comments", "others", "aside"}
    assert render(client, vi(article))[1] == {"body", "comments", "others", "aside"}


def test_a_preview_is_never_stored(client, draft_article, editor):
    client.force_login(editor)
    url = vi(draft_article)
    render(client, url)
    assert render(client, url)[1] == {"body", "comments", "others", "aside"}
    pagecache.bump()


def test_renaming_the_category_shows_on_the_article_at_once(client, article, category):
    assert category.name_vi in render(client, vi(article))[0]
    category.name_vi = "Chuyên mục mang tên mới"
    category.save()
    html, rendered = render(client, vi(article))
    assert "Chuyên mục mang tên mới" in html
    assert "body" not in rendered


def test_a_change_bumps_the_version_again_when_its_transaction_commits(
        article, approver, django_capture_on_commit_callbacks):
    """Between the change and its commit a reader may store old rows under the new version:
    the second bump, at the commit, makes sure nobody is served them."""
    comment = make_comment(article, body="Số điện thoại của tôi là 0900000000.")
    before = pagecache.version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment.reject(by=approver)
    assert pagecache.version() == before + 1
    for callback in callbacks:
        callback()
    assert pagecache.version() >= before + 2


def test_the_row_the_page_was_built_from_is_part_of_every_stamp(client, article):
    render(client, vi(article))
    # A change that bumps no version (as a reader racing with it would see): the row's
    # updated_at alone makes the comments part show the article closed to comments.
    from articles.models import Article
    from django.utils import timezone

    Article.objects.filter(pk=article.pk).update(allow_comments=False, updated_at=timezone.now())
    html, rendered = render(client, vi(article))
    assert "Bài viết này đã đóng bình luận." in html
    assert "comments" in rendered


def test_an_attachment_added_without_the_article_form_shows_at_once(client, article):
    from django.core.files.base import ContentFile

    from articles.models import Attachment

    render(client, vi(article))
    attachment = Attachment(article=article, title_vi="Quyết định số 12", title_en="Decision 12")
    attachment.file.save("quyet-dinh-12.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    assert "Quyết định số 12" in render(client, vi(article))[0]
    attachment.delete()
    assert "Quyết định số 12" not in render(client, vi(article))[0]


def test_the_host_header_adds_no_cache_keys(client, article, settings):
    from django.core.cache import caches

    settings.ALLOWED_HOSTS = ["cong.example.gov.vn"]
    settings.SITE_URL = "https://cong.example.gov.vn"
    fragments = caches["fragments"]

    def fragment_keys():
        if isinstance(getattr(fragments, "_cache", None), dict):  # the local-memory cache
            return {key for key in fragments._cache if "template.cache" in key}
        return set(fragments.client.get_client().keys("*template.cache*"))  # Redis

    client.get(vi(article), HTTP_HOST="cong.example.gov.vn")
    known = fragment_keys()
    assert known
    for port in (8001, 8002, 8003):
        html = client.get(vi(article), HTTP_HOST=f"cong.example.gov.vn:{port}").text
        assert f'href="https://cong.example.gov.vn/vi/articles/{article.slug}/"' in html  # the site's address
    assert fragment_keys() == known


def test_a_scheduled_article_approved_through_the_workflow_goes_public_on_time(client, category, approver):
    from django.utils import timezone

    from articles import services

    soon = make_article(category, title="Tin hẹn giờ", approval="draft",
                        publish_at=timezone.now() + timezone.timedelta(seconds=30))
    from django.core.cache import cache

    cache.delete(pagecache.DUE_KEY)
    services.article_approve(article=soon, by=approver)
    assert cache.get(pagecache.DUE_KEY) == pytest.approx(soon.publish_at.timestamp())


def article_list_queries(client, url):
    """The queries reading article rows (not the count) one request runs, and its HTML."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries
            if 'FROM "articles_article"' in q["sql"] and "COUNT(" not in q["sql"]], response.text


def test_the_home_page_reuses_its_articles_until_one_changes(client, category, article, approver):
    assert article_list_queries(client, "/vi/")[0]
    assert article_list_queries(client, "/vi/")[0] == []
    make_article(category, title="Tin vừa đăng trang chủ")
    queries, html = article_list_queries(client, "/vi/")
    assert queries and "Tin vừa đăng trang chủ" in html
    comment = make_comment(article, status=Comment.Status.PENDING)
    comment.approve(by=approver)
    assert "1 bình luận" in article_list_queries(client, "/vi/")[1]
    assert "Skilful mobilisation" in article_list_queries(client, "/en/")[1]


def test_each_page_of_a_category_is_its_own_fragment(client, category, settings):
    from django.utils import timezone

    for n in range(12):
        make_article(category, title=f"Tin chuyên mục {n:02d}", publish_at=timezone.now() - timezone.timedelta(hours=n + 1))
    url = f"/vi/category/{category.slug}/"
    first = article_list_queries(client, url)[1]
    second = article_list_queries(client, url + "?page=2")[1]
    assert "Tin chuyên mục 00" in first and "Tin chuyên mục 11" not in first
    assert "Tin chuyên mục 11" in second and "Tin chuyên mục 00" not in second
    assert article_list_queries(client, url)[0] == [] and article_list_queries(client, url + "?page=2")[0] == []
    make_article(category, title="Tin mới nhất chuyên mục")
    assert "Tin mới nhất chuyên mục" in article_list_queries(client, url)[1]
    assert client.get(url + "?page=99").status_code == 404
    assert client.get(url + "?page=x").status_code == 404


def hide(article):
    article.is_shown = False
    article.save()


def unapprove(article):
    from articles.models import Article

    article.approval = Article.Approval.PENDING
    article.save()


def reschedule(article):
    from django.utils import timezone

    article.publish_at = timezone.now() + timezone.timedelta(days=1)
    article.save()


@pytest.mark.parametrize("change", [hide, unapprove, reschedule, lambda article: article.delete()],
                         ids=["hidden", "unapproved", "rescheduled", "deleted"])
def test_a_cached_article_never_outlives_a_change(client, article, change, django_assert_num_queries):
    url = vi(article)
    client.get(url)
    with django_assert_num_queries(1):  # the row; every part comes from the cache
        assert client.get(url).status_code == 200
    change(article)
    assert client.get(url).status_code == 404


def test_a_renamed_article_shows_its_new_title_and_address_at_once(client, article):
    old_url = vi(article)
    client.get(old_url)
    article.title_vi = "Tiêu đề đã sửa"
    article.slug = "tieu-de-da-sua"
    article.save()
    assert client.get(old_url).status_code == 404
    assert "Tiêu đề đã sửa" in client.get(vi(article)).text
