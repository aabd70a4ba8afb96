"""The Content-Security-Policy allows no inline script or style (style-src 'self'), and no page,
public or admin, needs one: Chromium reports no violation, JSON-LD included, and the admin's
rich-text editor still writes, keeps spaces and saves."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.conftest import make_article
from tests.e2e.test_editorial import sign_in, type_rich_text

pytestmark = pytest.mark.django_db(transaction=True)


def watch(page):
    """Collect the CSP violations the page reports (the browser's console and its event)."""
    seen = []
    page.on("console", lambda message: seen.append(message.text)
            if "Content Security Policy" in message.text else None)
    return seen


def test_public_pages_need_nothing_inline(live_server, page, reference_data, category):
    article = make_article(category, pen_name="Minh Anh")
    violations = watch(page)
    for path in ("/vi/", "/en/", article.get_absolute_url(), f"/vi/category/{category.slug}/",
                 "/vi/search/?q=d%C3%A2n", "/vi/archive/", "/en/about/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert not violations, violations


def test_the_admin_works_under_the_policy(live_server, page, reference_data, approver, category):
    make_article(category, title="Bài đã duyệt")
    violations = watch(page)
    sign_in(page, live_server, "approver1")
    for path in ("/admin/", "/admin/articles/article/", "/admin/comments/comment/", "/admin/stats/dailystat/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title_vi", "Bài viết có  hai khoảng trắng")
    page.fill("#id_summary_vi", "Tóm tắt.")
    type_rich_text(page, "content_vi", "Nội dung  giữ khoảng trắng")
    editor = page.locator(".prose-editor:has(#id_content_vi) [contenteditable=true]")
    # The editor's own rules come from admin.css, not from a style element it would add.
    assert editor.evaluate("e => getComputedStyle(e).whiteSpace") in ("break-spaces", "pre-wrap")
    page.select_option("#id_category", str(category.pk))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    saved = Article.objects.get(title_vi="Bài viết có  hai khoảng trắng")
    assert "Nội dung" in saved.content_vi
    assert not violations, violations
