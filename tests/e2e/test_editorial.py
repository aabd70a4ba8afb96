"""An editor writes an article in both languages, an approver approves it, a reader finds it."""

import io

import pytest
from playwright.sync_api import expect
from PIL import Image

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pass-Word-123"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (30, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def type_rich_text(page, field, text):
    editor = page.locator(f".prose-editor:has(#id_{field}) [contenteditable=true]")
    editor.click()
    page.keyboard.type(text)


def test_editor_writes_approver_approves_reader_finds(live_server, browser, reference_data, editor, approver,
                                                      category):
    # The editor writes and submits.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, "editor1")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title_vi", "Tỉnh triển khai chuyển đổi số toàn diện")
    page.fill("#id_summary_vi", "Kế hoạch chuyển đổi số đến năm 2030.")
    type_rich_text(page, "content_vi", "Nội dung chi tiết của kế hoạch.")
    page.fill("#id_image_caption_vi", "Quang cảnh hội nghị")
    page.fill("#id_title_en", "Province rolls out full digital transformation")
    page.fill("#id_summary_en", "The digital transformation plan to 2030.")
    type_rich_text(page, "content_en", "The plan in detail.")
    page.fill("#id_image_caption_en", "The conference")
    page.select_option("#id_category", str(category.pk))
    page.set_input_files("#id_image", files=[{"name": "hoi-nghi.jpg", "mimeType": "image/jpeg",
                                             "buffer": jpeg_bytes()}])
    page.fill("#id_author_name", "Nguyễn Văn Bút")
    page.fill("#id_pen_name", "Bút Xanh")
    page.fill("#id_page_count", "2")
    page.fill("#id_photo_count", "1")
    page.fill("#id_coefficient", "4.5")
    page.fill("#id_attachments-0-title_vi", "Kế hoạch (PDF)")
    page.set_input_files("#id_attachments-0-file", files=[{"name": "ke-hoach.pdf", "mimeType": "application/pdf",
                                                           "buffer": b"%PDF-1.4\n%%EOF\n"}])
    assert page.locator("input[name=_approve]").count() == 0  # editors have no approve button
    page.click("input[name=_submit]")
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi duyệt")
    article = Article.objects.get()
    assert article.approval == Article.Approval.PENDING
    assert article.title_en and article.image and article.attachments.count() == 1
    context.close()

    # A reader cannot see it yet.
    reader = browser.new_context(locale="vi-VN").new_page()
    reader.goto(f"{live_server.url}/vi/")
    expect(reader.locator("main")).not_to_contain_text("chuyển đổi số toàn diện")

    # The approver approves it from the pending queue.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, "approver1")
    page.goto(f"{live_server.url}/admin/articles/article/?approval__exact=pending")
    page.get_by_role("link", name="Tỉnh triển khai chuyển đổi số toàn diện").click()
    page.click("input[name=_approve]")
    expect(page.locator(".messagelist")).to_contain_text("Đã duyệt")
    context.close()
    article.refresh_from_db()
    assert article.approval == Article.Approval.APPROVED and article.fee == 4.5 * 253_000

    # The reader finds it on the home page and by searching without diacritics, in both languages.
    reader.goto(f"{live_server.url}/vi/")
    reader.get_by_role("link", name="Tỉnh triển khai chuyển đổi số toàn diện").first.click()
    expect(reader.locator("h1")).to_have_text("Tỉnh triển khai chuyển đổi số toàn diện")
    expect(reader.locator(".attachments")).to_contain_text("Kế hoạch (PDF)")
    expect(reader.locator(".byline")).to_have_text("Bút Xanh")
    reader.fill("#search-q", "chuyen doi so toan dien")
    reader.keyboard.press("Enter")
    expect(reader.locator(".article-list")).to_contain_text("Tỉnh triển khai chuyển đổi số toàn diện")
    reader.get_by_role("link", name="English").click()
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    reader.fill("#search-q", "digital transformation")
    reader.keyboard.press("Enter")
    expect(reader.locator(".article-list")).to_contain_text("Province rolls out full digital transformation")


def test_the_body_editors_toolbar_speaks_vietnamese(live_server, page, reference_data, editor):
    """django-prose-editor names its buttons in English; locale/vi/LC_MESSAGES/djangojs.po and
    static/portal/js/editor-i18n.js give them the editor's language, in the tooltip and for
    screen readers alike."""
    import polib

    from django.conf import settings

    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "djangojs.po"))
    vietnamese = {entry.msgstr for entry in catalogue}
    sign_in(page, live_server, "editor1")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    buttons = page.locator(".prose-editor:has(#id_content_vi) .prose-menubar__button")
    expect(buttons.first).to_be_visible()
    names = buttons.evaluate_all(
        "buttons => buttons.flatMap(b => [b.title, b.getAttribute('aria-label')]).filter(Boolean)")
    assert {"Đậm", "Nghiêng", "Hoàn tác", "Làm lại", "Chèn liên kết"} <= set(names), names
    # the block styles, in the drop-down's options
    page.locator(".prose-editor:has(#id_content_vi) .prose-menubar__selected").click()
    options = page.locator(".prose-editor:has(#id_content_vi) .prose-menubar__option")
    expect(options.first).to_be_visible()
    names += options.all_inner_texts()
    assert {"Đoạn văn", "Tiêu đề cấp 2"} <= set(names), names
    english = sorted({name for name in names if name not in vietnamese and name != "HTML"})
    assert not english, english
