"""A reader's journeys through the legal documents, in headless Chromium, on the demo content."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from documents.models import Document, Opinion

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(reference_data, monkeypatch, settings):
    from tests.documents.conftest import restore_document_data

    restore_document_data()
    settings.COMMENTS_NOTIFY_ASYNC = False
    monkeypatch.setenv("DEMO_PASSWORD", "Demo-Mat-Khau-2026")
    call_command("load_demo", stdout=io.StringIO())


def test_from_the_home_page_to_a_downloaded_file(live_server, page, demo):
    page.goto(f"{live_server.url}/vi/")
    block = page.locator(".home-documents")
    expect(block.get_by_role("heading", name="Văn bản mới")).to_be_visible()
    block.get_by_role("link", name="Tất cả văn bản").click()
    expect(page.locator("h1")).to_have_text("Văn bản")
    # Filter by type and look the number up as a reader types it.
    page.select_option("#filter-type", label="Quyết định")
    page.fill("#filter-q", "45 2026 qd ubnd")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page).to_have_url(re.compile(r"\?type=\d+&q=45\+2026\+qd\+ubnd$"))
    document = Document.objects.get(slug__startswith="45-", number__endswith="/QĐ-UBND",
                                    issue_date__year=Document.objects.documents().latest("issue_date").issue_date.year)
    first = page.locator(".document-table tbody tr").first
    expect(first.locator(".document-number")).to_have_text(document.number)
    first.get_by_role("link", name=document.number).click()
    expect(page.locator("h1")).to_have_text(f"Quyết định {document.number}")
    expect(page.locator(".document-facts")).to_contain_text("Còn hiệu lực")
    expect(page.locator(".document-relations")).to_contain_text("Thay thế")
    with page.expect_download() as download:
        page.locator(".document-files a[download]").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # The replaced document says so, and leads back.
    page.locator(".document-relations a").first.click()
    expect(page.locator(".document-facts")).to_contain_text("Bị thay thế")
    page.locator(".document-relations").get_by_role("link", name=f"Quyết định {document.number}").click()
    expect(page.locator("h1")).to_have_text(f"Quyết định {document.number}")


def test_a_reader_sends_an_opinion_on_an_open_draft(live_server, page, demo):
    page.goto(f"{live_server.url}/vi/documents/drafts/")
    page.locator('section[aria-labelledby="drafts-open"] .document-table a').first.click()
    expect(page.locator("#opinions")).to_contain_text("đang được lấy ý kiến")
    page.get_by_role("link", name="Gửi ý kiến").click()
    page.fill("#id_name", "Võ Thanh Giang")
    page.fill("#id_email", "giang.vo@example.com")
    page.fill("#id_body", "Đề nghị quy định rõ thời hạn khắc phục sự cố đối với cấp huyện.")
    page.fill("#id_captcha_1", "PASSED")  # the tests' captcha mode
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator(".message-success")).to_contain_text("Ý kiến của bạn đã được tiếp nhận")
    assert Opinion.objects.filter(name="Võ Thanh Giang", status=Opinion.Status.PENDING).exists()
    # The closed draft shows the office's summary.
    page.goto(f"{live_server.url}/vi/documents/drafts/")
    page.locator('section[aria-labelledby="drafts-closed"] .document-table a').first.click()
    expect(page.locator(".opinion-summary")).to_contain_text("Báo cáo tổng hợp ý kiến")
