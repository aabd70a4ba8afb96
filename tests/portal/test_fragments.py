"""The article page keeps its dear parts (text, comments, other articles) as stamped fragments.

What a reader must see: every change at once, whichever part it touches; what the server
must do: render each part again only when what it shows has changed.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from portal import fragments, pagecache
from portal.models import SiteSettings
from tests.comments.helpers import make_comment
from tests.conftest import make_article


@pytest.fixture(autouse=True)
def running_site(db):
    SiteSettings.load()  # a running site has its settings row; creating it bumps the version


def vi(article):
    return f"/vi/articles/{article.slug}/"


def render(client, url, **params):
    """The page's HTML, and which parts were rendered (by the tables their queries read)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    rendered = {part for part, table in (("body", "articles_attachment"), ("comments", "comments_comment"))
                if table in sql}
    if sql.count('FROM "articles_article"') > 1:
        rendered.add("others")
    return response.text, rendered


def test_a_second_render_reuses_every_part(client, article):
    first, rendered = render(client, vi(article))
    assert rendered == {"body", "comments", "others"}
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
    assert rendered == {"comments", "others"}  # the article's own text was not rendered again


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


def test_a_new_release_renders_again(client, article, monkeypatch):
    render(client, vi(article))
    monkeypatch.setattr(fragments, "RELEASE", -1)  # as if the templates had changed
    assert render(client, vi(article))[1] == {"body", "comments", "others"}


def test_turned_off_every_part_is_rendered_every_time(client, article, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    render(client, vi(article))
    assert render(client, vi(article))[1] == {"body", "comments", "others"}


def test_a_broken_cache_costs_rendering_not_pages(client, article, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "set", "add", "get_many", "set_many", "incr"):
        monkeypatch.setattr(cache, name, down)
    html, rendered = render(client, vi(article))
    assert article.title_vi in html and "Nội dung bài viết về công tác dân vận." in html
    assert rendered == {"body", "comments", "others"}


def test_a_preview_is_never_stored(client, draft_article, editor):
    client.force_login(editor)
    url = vi(draft_article)
    render(client, url)
    assert render(client, url)[1] == {"body", "comments", "others"}
    pagecache.bump()


def test_the_address_in_the_head_is_the_one_asked_for(client, article, settings):
    settings.ALLOWED_HOSTS = ["cong.example.gov.vn", "portal.example.gov.vn"]
    for _round in range(2):
        for host in settings.ALLOWED_HOSTS:
            html = client.get(vi(article), HTTP_HOST=host).text
            assert f'<link rel="canonical" href="http://{host}/vi/articles/{article.slug}/">' in html


def test_renaming_the_category_shows_on_the_article_at_once(client, article, category):
    assert category.name_vi in render(client, vi(article))[0]
    category.name_vi = "Chuyên mục mang tên mới"
    category.save()
    html, rendered = render(client, vi(article))
    assert "Chuyên mục mang tên mới" in html
    assert "body" not in rendered
