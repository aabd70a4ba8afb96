"""The six journeys of the portal's users, in headless Chromium, on the demo content.

Run one by itself with, for example:
    make test PYTEST_ARGS="tests/e2e/test_journeys.py -k reader"
A failing journey leaves its screenshot and HTML in test-artifacts/e2e/.
"""

import csv
import io
import re
from datetime import timedelta
from urllib.parse import quote_plus

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Demo-Mat-Khau-2026"


@pytest.fixture
def demo(reference_data, monkeypatch, settings):
    settings.COMMENTS_NOTIFY_ASYNC = False
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=io.StringIO())


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def test_reader_journey(live_server, page, demo):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/vi/$"))
    page.locator(".mainnav").get_by_role("link", name="Tin hoạt động").click()
    expect(page.locator("h1")).to_have_text("Tin hoạt động")
    page.locator(".pagination").get_by_role("link", name="2", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    expect(page.locator(".article-list .card").first).to_be_visible()

    # An article with an attachment, which downloads.
    article = Article.objects.published().filter(attachments__isnull=False).exclude(title_en="").first()
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text(article.title_vi)
    with page.expect_download() as download:
        page.locator(".attachments a").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    # "Other articles" leads on.
    other = page.locator('section[aria-labelledby="related-title"] a').first
    other_title = other.inner_text()
    other.click()
    expect(page.locator("h1")).to_have_text(other_title)

    # Search with and without diacritics finds the same article.
    for query in ("dân vận khéo", "dan van kheo"):
        page.fill("#search-q", query)
        page.keyboard.press("Enter")
        # This query's page, not the last one's (which holds the same text) while it still loads.
        page.wait_for_url(re.compile(r"[?&]q=" + re.escape(quote_plus(query)) + "$"))
        expect(page.locator(".article-list")).to_contain_text("Dân vận khéo trong xây dựng nông thôn mới")

    # English and back, staying on the same article.
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(f"/en/articles/{article.slug}/$"))
    expect(page.locator("h1")).to_have_text(article.title_en)
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(re.compile(f"/vi/articles/{article.slug}/$"))

    # Larger text and high contrast stay on after navigating and after a reload.
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng độ tương phản").click()
    page.get_by_role("button", name="Tăng độ tương phản").click()
    page.locator(".mainnav").get_by_role("link", name="Trang chủ").click()
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-font", "2")
    expect(page.locator("html")).to_have_attribute("data-contrast", "2")


def test_reader_feedback_journey(live_server, page, demo):
    article = Article.objects.published().filter(allow_comments=True).first()
    before = Comment.objects.count()
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="Gửi góp ý").click()
    page.get_by_label("Họ và tên").fill("Lê Văn Góp Ý")
    page.get_by_label("Email", exact=True).fill("gopy@example.com")
    page.get_by_label("Nội dung góp ý").fill("Đề nghị bổ sung lịch tiếp công dân vào cuối tuần.")
    page.get_by_label("Mã xác nhận", exact=True).fill("sai-ma")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_text("Mã xác nhận không đúng hoặc đã hết hạn")).to_be_visible()
    expect(page.get_by_label("Nội dung góp ý")).to_have_value("Đề nghị bổ sung lịch tiếp công dân vào cuối tuần.")
    assert Comment.objects.count() == before
    page.get_by_label("Mã xác nhận", exact=True).fill("passed")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_text("Bình luận của bạn đang chờ kiểm duyệt")).to_be_visible()
    expect(page.locator("#comments")).not_to_contain_text("lịch tiếp công dân vào cuối tuần")
    assert Comment.objects.get(name="Lê Văn Góp Ý").status == Comment.Status.PENDING


def write_article(page, live_server, title_vi, title_en):
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title_vi", title_vi)
    page.fill("#id_summary_vi", "Tóm tắt bài viết hành trình.")
    page.locator(".prose-editor:has(#id_content_vi) [contenteditable=true]").click()
    page.keyboard.type("Nội dung bài viết hành trình.")
    page.fill("#id_image_caption_vi", "Ảnh hành trình")
    page.fill("#id_title_en", title_en)
    page.fill("#id_summary_en", "Journey summary.")
    page.locator(".prose-editor:has(#id_content_en) [contenteditable=true]").click()
    page.keyboard.type("Journey content.")
    page.fill("#id_image_caption_en", "Journey photo")
    page.select_option("#id_category", label="Tin hoạt động")
    from articles.demo import demo_image

    page.set_input_files("#id_image", files=[{"name": "hanh-trinh.jpg", "mimeType": "image/jpeg",
                                             "buffer": demo_image(7, (27, 127, 58)).read()}])
    page.fill("#id_attachments-0-title_vi", "Tài liệu hành trình")
    page.set_input_files("#id_attachments-0-file", files=[{"name": "tai-lieu.pdf", "mimeType": "application/pdf",
                                                           "buffer": b"%PDF-1.4\n%%EOF\n"}])
    page.fill("#id_author_name", "Trần Hành Trình")
    page.fill("#id_pen_name", "Hành Trình")
    page.fill("#id_page_count", "2")
    page.fill("#id_photo_count", "1")
    page.fill("#id_coefficient", "3")


def test_editor_journey(live_server, open_page, demo):
    title = "Hành trình biên tập một bài viết mới"
    editor = open_page()
    sign_in(editor, live_server, "editor")
    write_article(editor, live_server, title, "An article's editorial journey")
    editor.click("input[name=_continue]")  # saved as a draft
    expect(editor.locator(".messagelist")).to_be_visible()
    article = Article.objects.get(title_vi=title)
    assert article.approval == Article.Approval.DRAFT and article.attachments.count() == 1
    assert article.title_en and article.image and article.coefficient == 3
    assert editor.locator("input[name=_approve]").count() == 0  # editors cannot approve
    editor.click("input[name=_submit]")
    expect(editor.locator(".messagelist")).to_contain_text("Đã gửi duyệt")
    article.refresh_from_db()
    assert article.approval == Article.Approval.PENDING


def test_approver_journey(live_server, open_page, demo):
    from django.contrib.auth import get_user_model

    from articles import services
    from tests.conftest import make_article

    title = "Bài viết chờ người duyệt xem xét"
    author = get_user_model().objects.get(username="editor")
    article = make_article(Article.objects.first().category, title=title, approval=Article.Approval.DRAFT,
                           created_by=author, publish_at=timezone.now() + timedelta(days=5))
    secretary = get_user_model().objects.get(username="secretary")
    services.article_submit(article=article, by=author)
    services.article_forward(article=article, by=secretary)  # the demo's first level checked it

    # The approver (the demo's second level) finds it in their queue and rejects it with a reason.
    approver = open_page()
    sign_in(approver, live_server, "approver")
    approver.get_by_role("link", name=re.compile("Bài viết chờ bạn xử lý ở cấp 2")).click()
    approver.get_by_role("link", name=title).click()
    approver.fill("#id__workflow_note", "Cần bổ sung nguồn số liệu.")
    approver.click("input[name=_reject]")
    expect(approver.locator(".messagelist")).to_contain_text("Đã từ chối")

    # The editor reads the reason, fixes the article and submits it again.
    editor = open_page()
    sign_in(editor, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(editor.locator(".errornote")).to_contain_text("Cần bổ sung nguồn số liệu.")
    editor.fill("#id_summary_vi", "Tóm tắt đã bổ sung nguồn: Cục Thống kê.")
    editor.click("input[name=_submit]")
    expect(editor.locator(".messagelist")).to_contain_text("Đã gửi duyệt")
    services.article_forward(article=Article.objects.get(pk=article.pk), by=secretary)

    # The approver approves it with a publish time in the past.
    approver.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    yesterday = timezone.localtime() - timedelta(days=1)
    approver.fill("#id_publish_at_0", yesterday.strftime("%d/%m/%Y"))
    approver.fill("#id_publish_at_1", yesterday.strftime("%H:%M:%S"))
    approver.click("input[name=_approve]")
    expect(approver.locator(".messagelist")).to_contain_text("Đã duyệt")

    reader = open_page()
    reader.goto(f"{live_server.url}/vi/")
    expect(reader.locator("main")).to_contain_text(title)

    # The approver hides it: it is gone for readers at once.
    approver.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    approver.uncheck("#id_is_shown")
    approver.click("input[name=_save]")
    expect(approver.locator(".messagelist")).to_be_visible()
    reader.reload()
    expect(reader.locator("main")).not_to_contain_text(title)
    assert reader.goto(live_server.url + article.get_absolute_url()).status == 404


def test_moderator_journey(live_server, open_page, demo):
    article = Article.objects.published().filter(allow_comments=True).first()
    Comment.objects.create(article=article, name="Phạm Bạn Đọc", email="bandoc@example.com",
                           body="Xin hỏi thời gian áp dụng quy định mới?")
    moderator = open_page()
    sign_in(moderator, live_server, "approver")
    moderator.get_by_role("link", name="Bình luận chờ kiểm duyệt").click()
    moderator.get_by_role("link", name=re.compile("Xin hỏi thời gian áp dụng")).click()
    moderator.locator("#id_moderation").select_option("approved")
    moderator.fill("#id_reply", "Quy định áp dụng từ ngày 01/01/2027.")
    moderator.click("input[name=_save]")
    expect(moderator.locator(".messagelist")).to_be_visible()

    reader = open_page()
    reader.goto(live_server.url + article.get_absolute_url())
    comments = reader.locator("#comments")
    expect(comments).to_contain_text("Xin hỏi thời gian áp dụng quy định mới?")
    expect(comments.locator(".comment-reply").filter(has_text="Quy định áp dụng từ ngày 01/01/2027.")).to_be_visible()
    expect(comments).not_to_contain_text("bandoc@example.com")


def test_administrator_journey(live_server, open_page, demo):
    admin = open_page(accept_downloads=True)
    sign_in(admin, live_server, "admin")
    admin.get_by_role("link", name=re.compile("Thống kê")).first.click()
    chart = admin.locator("figure.statistics-chart svg")
    expect(chart).to_be_visible()
    admin.get_by_role("link", name="365 ngày").click()
    expect(admin.locator("figure.statistics-chart")).to_have_attribute("data-period", "365")
    expect(admin.locator("figure.statistics-chart svg .series .line")).to_have_count(3)
    today = timezone.localdate()
    admin.fill("#id_start", (today - timedelta(days=30)).isoformat())
    admin.fill("#id_end", today.isoformat())
    with admin.expect_download() as download:
        admin.get_by_role("button", name="Tải tệp CSV").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert len(rows) >= 31 and any(row and row[0] for row in rows[1:])

    admin.goto(f"{live_server.url}/admin/articles/article/")
    admin.click("a.royaltylink")
    expect(admin.locator("#royalty-grand-total")).to_be_visible()
    with admin.expect_download() as download:
        admin.click("#royalty-export-xlsx")
    with open(download.value.path(), "rb") as handle:
        workbook = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert workbook.active.max_row > 3
