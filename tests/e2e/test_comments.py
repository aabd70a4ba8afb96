"""A reader comments, a moderator approves and answers, the reader sees both."""

import re
import shutil

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from portal.roles import MODERATORS
from tests.conftest import make_article

pytestmark = pytest.mark.django_db(transaction=True)

COMMENT = "Đề nghị tổ chức thêm buổi lấy ý kiến ở các phường.\nXin cảm ơn."
REPLY = "Ban biên tập đã chuyển ý kiến của bạn đến phòng Quản lý đô thị."


@pytest.fixture
def moderator(django_user_model, reference_data):
    user = django_user_model.objects.create_user("kiemduyet", "kiemduyet@example.gov.vn", "Mat-khau-Kiem-Duyet-1",
                                                 is_staff=True, first_name="Kiểm", last_name="Duyệt")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def test_reader_comment_is_moderated_answered_and_shown(live_server, page, moderator, category, settings):
    settings.COMMENTS_NOTIFY_ASYNC = False
    settings.PAGE_CACHE_SECONDS = 60  # approving must show through the page cache
    article = make_article(category, title="Lấy ý kiến nhân dân về quy hoạch đô thị")
    article_url = live_server.url + article.get_absolute_url()

    # The reader opens the form inside the article, without leaving it.
    page.goto(article_url)
    page.get_by_role("link", name="Gửi góp ý").click()
    expect(page.get_by_label("Họ và tên")).to_be_focused()
    assert page.url == article_url

    # "New image" renews the captcha in place.
    image = page.locator("[data-captcha-image]")
    old_src = image.get_attribute("src")
    page.get_by_role("button", name="Lấy mã khác").click()
    expect(image).not_to_have_attribute("src", old_src)

    page.get_by_label("Họ và tên").fill("Nguyễn Văn Bạn Đọc")
    page.get_by_label("Email", exact=True).fill("bandoc@example.com")
    page.get_by_label("Nội dung góp ý").fill(COMMENT)
    page.get_by_label("Mã xác nhận", exact=True).fill("sai")
    page.get_by_role("button", name="Gửi góp ý").click()

    # A wrong code: only the code is asked for again, everything else is kept.
    expect(page.get_by_text("Mã xác nhận không đúng hoặc đã hết hạn")).to_be_visible()
    expect(page.get_by_text("Bạn chỉ cần nhập lại mã xác nhận")).to_be_visible()
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Văn Bạn Đọc")
    expect(page.get_by_label("Email", exact=True)).to_have_value("bandoc@example.com")
    expect(page.get_by_label("Nội dung góp ý")).to_have_value(COMMENT)
    expect(page.get_by_label("Mã xác nhận", exact=True)).to_have_value("")
    page.get_by_label("Mã xác nhận", exact=True).fill("passed")
    page.get_by_role("button", name="Gửi góp ý").click()

    # Back on the article: the comment awaits moderation and is not shown yet.
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#comment-notice$"))
    expect(page.get_by_text("Bình luận của bạn đang chờ kiểm duyệt")).to_be_visible()
    expect(page.locator("#comments")).not_to_contain_text("Đề nghị tổ chức thêm")
    page.goto(article_url)
    expect(page.locator("#comments")).not_to_contain_text("Đề nghị tổ chức thêm")

    # The moderator finds it from the admin index, approves and answers it.
    staff = page.context.browser.new_context(locale="vi-VN")
    admin = staff.new_page()
    admin.goto(f"{live_server.url}/admin/login/?next=/admin/")
    admin.locator("#id_username").fill("kiemduyet")
    admin.locator("#id_password").fill("Mat-khau-Kiem-Duyet-1")
    admin.locator("input[type=submit]").click()
    pending = admin.get_by_role("link", name="Bình luận chờ kiểm duyệt")
    expect(pending).to_be_visible()
    pending.click()
    admin.get_by_role("link", name=re.compile("Đề nghị tổ chức thêm")).click()
    expect(admin.get_by_text("bandoc@example.com")).to_be_visible()
    admin.locator("#id_moderation").select_option("approved")
    admin.locator("#id_reply").fill(REPLY)
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    staff.close()

    # The reader reloads (the browser may keep a page a few seconds without asking) and sees
    # the comment and, under it, the office's answer; never the e-mail.
    page.reload()
    comments = page.locator("#comments")
    expect(comments).to_contain_text("Nguyễn Văn Bạn Đọc")
    expect(comments).to_contain_text("Đề nghị tổ chức thêm buổi lấy ý kiến ở các phường.")
    expect(comments.locator(".comment-reply")).to_contain_text(REPLY)
    expect(comments.locator(".comment-reply")).to_contain_text("trả lời")
    expect(comments).to_contain_text(re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"))
    expect(comments).not_to_contain_text("bandoc@example.com")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_articles_form_speaks_the_code_of_its_current_image(live_server, page, reference_data, category):
    """The form comments.js puts into the article gets the audio button too, and after a new
    image it speaks the new key's code, not the first one's."""
    article = make_article(category, title="Góp ý dự thảo quy hoạch")
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="Gửi góp ý").click()
    listen = page.get_by_role("button", name="Nghe mã")
    expect(listen).to_be_visible()
    key = page.locator("input[name=captcha_0]")
    first_key = key.input_value()
    page.get_by_role("button", name="Lấy mã khác").click()
    expect(key).not_to_have_value(first_key)
    new_key = key.input_value()
    with page.expect_response(re.compile(r"/captcha/audio/vi/\w+\.wav$")) as sound:
        listen.press("Enter")
    assert sound.value.status == 200 and sound.value.url.endswith(f"/{new_key}.wav")
