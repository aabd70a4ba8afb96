"""Rough edges a reader or an editor met: where the comment notice is, the rate limit, the 403 page."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def fill_comment(page, body):
    page.get_by_label("Full name").fill("Reader Nguyen")
    page.get_by_label("E-mail", exact=True).fill("reader@example.com")
    page.get_by_label("Your comment").fill(body)
    page.get_by_label("Verification code", exact=True).fill("passed")
    page.get_by_role("button", name="Send feedback").click()


def test_the_moderation_notice_is_where_the_reader_lands(live_server, open_page, reference_data, category,
                                                          settings):
    settings.PAGE_CACHE_SECONDS = 60
    article = make_article(category, title="Lấy ý kiến về quy hoạch", title_en="Consultation on the plan",
                           content_en="<p>" + "A long paragraph of the article. " * 400 + "</p>")
    page = open_page(extra_http_headers={"Accept-Language": "en"})
    page.goto(f"{live_server.url}/en/articles/{article.slug}/")
    page.get_by_role("link", name="Send feedback").click()
    fill_comment(page, "Please hold one more meeting in each ward.")

    notice = page.locator("#comment-notice")
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_contain_text("Your comment is awaiting moderation")
    expect(notice).to_be_in_viewport()
    # Just above the comments, and not at the top of the page as well.
    comments = page.locator("#comments").bounding_box()
    box = notice.bounding_box()
    assert box["y"] < comments["y"] <= box["y"] + box["height"] + 40
    assert page.locator(".messages").count() == 0 or "awaiting" not in page.locator(".messages").inner_text()
    # Once: reloading shows no notice.
    page.reload()
    expect(page.locator("#comment-notice")).to_have_count(0)


def test_a_reader_past_the_rate_limit_keeps_their_text(live_server, open_page, reference_data, category, settings):
    settings.COMMENTS_RATE_LIMIT = 0
    article = make_article(category, title_en="Consultation on the plan")
    page = open_page(extra_http_headers={"Accept-Language": "en"})
    page.goto(f"{live_server.url}/en/articles/{article.slug}/comment/")
    fill_comment(page, "A comment typed with care.")
    expect(page.get_by_role("alert")).to_contain_text("You can send this one from")
    expect(page.get_by_label("Your comment")).to_have_value("A comment typed with care.")
    expect(page.get_by_label("Full name")).to_have_value("Reader Nguyen")
    expect(page.get_by_label("Verification code", exact=True)).to_have_value("")


def test_a_refusal_in_the_admin_looks_like_the_admin(live_server, open_page, reference_data, editor):
    page = open_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/comments/comment/")
    page.locator("#id_username").fill("editor1")
    page.locator("#id_password").fill("pass-Word-123")
    page.locator("input[type=submit]").click()
    # The admin's header, breadcrumbs and a way back, in the editor's language.
    expect(page.locator("#site-name")).to_be_visible()
    expect(page.locator(".breadcrumbs a[href='/admin/']")).to_be_visible()
    expect(page.locator("#content h1")).to_be_visible()
    expect(page.locator("#content-main a[href='/admin/']")).to_be_visible()
    assert page.locator(".error-page").count() == 0
