"""An approver opens the month's royalty report in the browser and downloads it as XLSX."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse

from tests.conftest import make_article

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-Word-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_approver_reads_the_month_and_downloads_the_xlsx(reference_data, page, live_server, approver, category,
                                                         tmp_path):
    make_article(category, title="Phóng sự nhuận bút tháng Năm", title_en="", author_name="Lê Thị Hoa",
                 pen_name="Hoa Lê", coefficient=Decimal("2.5"), fee=450_000,
                 publish_at=datetime.datetime(2024, 5, 1, 0, 30, tzinfo=HCM))
    make_article(category, title="Tin cuối tháng Năm", title_en="", author_name="Trần Quốc Bảo",
                 coefficient=Decimal("1.25"), fee=1_234_567, fee_overridden=True,
                 publish_at=datetime.datetime(2024, 5, 31, 23, 59, tzinfo=HCM))
    make_article(category, title="Tin tháng Sáu", title_en="", fee=999_000,
                 publish_at=datetime.datetime(2024, 6, 1, 0, 0, tzinfo=HCM))
    sign_in(page, live_server, approver)

    # From the article list's button, like a person would.
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    page.click("a.royaltylink")
    page.fill("#id_month", "2024-05")
    page.click(".royalty-filter input[type=submit]")
    page.wait_for_url("**month=2024-05**")
    assert page.locator("#royalty-grand-total").inner_text() == "1.684.567 đ"
    assert page.locator("tr.royalty-line").count() == 2
    assert "Tin tháng Sáu" not in page.content()

    with page.expect_download() as download_info:
        page.click("#royalty-export-xlsx")
    download = download_info.value
    assert download.suggested_filename == "nhuan-but-2024-05.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    titles = [row[2] for row in rows if isinstance(row[0], int)]
    assert titles == ["Phóng sự nhuận bút tháng Năm", "Tin cuối tháng Năm"]
    total = next(row for row in rows if str(row[2] or "").startswith("Tổng cộng"))
    assert total[10] == 1_684_567

