"""The royalty report page: filters, exports, the print layout and payments."""

import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Category
from tests.conftest import make_article
from tests.royalties.conftest import REPORT_URL, at, paid


# -- the report page ------------------------------------------------------------------------

def test_month_filter_on_the_page_uses_vietnam_time(client, approver, category):
    paid(category, title="Đầu tháng năm", publish_at=at(2024, 5, 1, 0, 30))
    paid(category, title="Cuối tháng tư", publish_at=at(2024, 4, 30, 23, 59))
    client.force_login(approver)
    html = client.get(REPORT_URL, {"month": "2024-05"}).text
    assert "Đầu tháng năm" in html and "Cuối tháng tư" not in html
    assert "01/05/2024" in html
    assert "Tháng 05/2024" in html


def test_report_page_shows_lines_subtotals_and_total(client, approver, may_articles):
    client.force_login(approver)
    response = client.get(REPORT_URL, {"month": "05/2024"})
    assert response.status_code == 200
    html = response.text
    assert "Báo cáo nhuận bút" in html
    assert "4.744.567 đ" in html  # the total
    assert "3.529.567 đ" in html  # Lê Thị Hoa (Hoa Lê)
    assert "675.000 đ" in html and "540.000 đ" in html
    assert "4.294.567 đ" in html  # of which unpaid
    assert "225.000 đ" in html and "12,75" in html and "1,25" in html
    assert "Tổng cộng" in html and "Cộng theo tác giả" in html
    assert "Đã trả" in html and "20/05/2024" in html and "Chưa trả" in html
    assert '<a href="/admin/">' in html or "admin:index" not in html  # the admin's own chrome
    assert 'id="header"' in html


def test_report_filters_by_category_type_author_and_unpaid(client, approver, may_articles, commentary):
    other = Category.objects.create(name_vi="Kinh tế", name_en="Economy", slug="kinh-te")
    paid(other, title="Bài kinh tế", author_name="Trần Quốc Bảo", coefficient=Decimal("1"), publish_at=at(2024, 5, 9))
    client.force_login(approver)

    def titles(**params):
        report = client.get(REPORT_URL, {"month": "2024-05", **params}).context["report"]
        return sorted(line.title for line in report.lines)

    assert titles(category=other.pk) == ["Bài kinh tế"]
    assert titles(article_type=commentary.pk) == ["Bài B1"]
    assert titles(author="hoa") == ["Bài B1", "Bài B2 tự đặt"]
    assert "Bài A1" not in titles(unpaid="on") and "Bài A2" in titles(unpaid="on")


def test_unpaid_only_without_a_period_lists_every_unpaid_royalty(client, approver, category):
    old = paid(category, title="Bài cũ chưa trả", publish_at=timezone.now() - datetime.timedelta(days=400))
    paid(category, title="Bài cũ đã trả", publish_at=timezone.now() - datetime.timedelta(days=300),
         royalty_paid_at=timezone.localdate() - datetime.timedelta(days=250))
    paid(category, title="Bài hẹn giờ", publish_at=timezone.now() + datetime.timedelta(days=3))
    client.force_login(approver)
    report = client.get(REPORT_URL, {"unpaid": "on"}).context["report"]
    assert [line.pk for line in report.lines] == [old.pk]
    assert report.lines.__next__().due == "overdue"


def test_editor_is_refused_the_report(client, editor):
    client.force_login(editor)
    assert client.get(REPORT_URL).status_code == 403
    assert client.get(REPORT_URL, {"export": "xlsx"}).status_code == 403
    assert client.post(REPORT_URL, {"articles": "1", "paid_on": "01/01/2024", "action": "pay"}).status_code == 403


def test_anonymous_visitor_is_sent_to_the_login(client, db):
    response = client.get(REPORT_URL)
    assert response.status_code == 302 and "/login/" in response.url


def test_empty_report_defaults_to_the_current_month(client, approver):
    client.force_login(approver)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.start == timezone.localdate().replace(day=1) and report.total.fee == 0
    assert f'value="{timezone.localdate():%Y-%m}"' in response.text


@pytest.mark.parametrize("params", [
    {"month": "2024-13"}, {"month": "tháng năm"}, {"month": "99999-01"}, {"month": "0001-01"},
    {"start": "31/02/2024", "end": "01/03/2024"}, {"start": "2024-05-10", "end": "2024-05-01"},
    {"start": "2024-05-10"}, {"start": "2024-01-01", "end": "2025-12-31"},
    {"start": "0001-01-01", "end": "0001-01-02"}, {"start": "9999-12-30", "end": "9999-12-31"},
    {"month": "2024-05", "start": "2024-05-01", "end": "2024-05-02"},
    {"category": "999999"}, {"category": "9" * 40}, {"category": "-1"}, {"category": "abc"},
    {"article_type": "9" * 25}, {"author": "x" * 500},
])
def test_bad_filter_input_is_a_form_error_not_a_crash(client, approver, params):
    client.force_login(approver)
    for export in ("", "csv", "xlsx", "print"):
        response = client.get(REPORT_URL, {**params, "export": export})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert response.context["report"] is None
        assert response.context["form"].errors


# -- exports --------------------------------------------------------------------------------

def test_csv_export_has_a_bom_and_the_same_rows_and_totals(client, approver, may_articles):
    client.force_login(approver)
    response = client.get(REPORT_URL, {"month": "2024-05", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="nhuan-but-2024-05.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["STT", "Ngày đăng", "Tiêu đề"]
    assert "Hệ số" in rows[0] and "Số tiền (đồng)" in rows[0] and "Bút danh" in rows[0]
    lines = [row for row in rows[1:] if row[0]]
    assert [row[2] for row in lines] == ["Bài B1", "Bài B2 tự đặt", "Bài A3", "Bài A1", "Bài A2"]
    b1 = lines[0]
    assert b1[1] == "06/05/2024" and b1[5:7] == ["Lê Thị Hoa", "Hoa Lê"] and b1[9] == "12,75" and b1[10] == "2295000"
    assert lines[3][11] == "Đã trả" and lines[3][12] == "20/05/2024"
    subtotals = [row for row in rows if row[2].startswith("Cộng theo tác giả")]
    assert [row[10] for row in subtotals] == ["3529567", "540000", "675000"]
    total = next(row for row in rows if row[2].startswith("Tổng cộng"))
    assert total[10] == "4744567" and total[7] == "6" and total[9] == "20,5"


def test_xlsx_export_reads_back_with_number_formats(client, approver, may_articles):
    client.force_login(approver)
    response = client.get(REPORT_URL, {"month": "2024-05", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0].value == "STT")
    assert rows[1][0].value == "Báo cáo nhuận bút" and rows[2][0].value == "Tháng 05/2024"
    lines = [row for row in rows[header + 1:] if isinstance(row[0].value, int)]
    assert [row[2].value for row in lines] == ["Bài B1", "Bài B2 tự đặt", "Bài A3", "Bài A1", "Bài A2"]
    b1 = lines[0]
    assert b1[1].value.date() == datetime.date(2024, 5, 6) and b1[1].number_format == "DD/MM/YYYY"
    assert b1[9].value == 12.75 and b1[9].number_format == "0.00"
    assert b1[10].value == 2_295_000 and b1[10].number_format == '#,##0 "đ"'
    total = next(row for row in rows if str(row[2].value or "").startswith("Tổng cộng"))
    assert total[10].value == 4_744_567 and total[10].font.bold
    subtotals = [row[10].value for row in rows if str(row[2].value or "").startswith("Cộng theo tác giả")]
    assert subtotals == [3_529_567, 540_000, 675_000]
    texts = {cell.value for row in rows for cell in row}
    assert {"Người lập biểu", "Kế toán", "Tổng biên tập"} <= texts


def test_csv_and_xlsx_hold_the_same_rows(client, approver, may_articles):
    client.force_login(approver)
    csv_rows = list(csv.reader(io.StringIO(
        client.get(REPORT_URL, {"month": "2024-05", "export": "csv"}).content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(
        client.get(REPORT_URL, {"month": "2024-05", "export": "xlsx"}).content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(csv_rows[0])
    xlsx_rows = values[header:header + len(csv_rows)]
    assert [row[2] for row in xlsx_rows] == [row[2] for row in csv_rows]
    assert [str(row[10] or "") for row in xlsx_rows[1:]] == [row[10] for row in csv_rows[1:]]


def test_print_layout_has_the_signature_block(client, approver, may_articles):
    client.force_login(approver)
    html = client.get(REPORT_URL, {"month": "2024-05", "export": "print"}).text
    for text in ("Tổng biên tập", "Kế toán", "Người lập biểu", "4.744.567 đ", "Tháng 05/2024", "royalty_print.css"):
        assert text in html
    assert 'name="articles"' not in html  # no payment controls on paper
    screen = client.get(REPORT_URL, {"month": "2024-05"}).text
    assert "Tổng biên tập" in screen and "print-only" in screen  # printing the page itself works too


def test_report_makes_a_constant_number_of_queries(client, approver, category, commentary):
    client.force_login(approver)

    def count(**params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT_URL, {"month": "2024-05", **params}).status_code == 200
        return len(queries)

    for n in range(2):
        paid(category, title=f"Bài {n}", author_name=f"Tác giả {n}", publish_at=at(2024, 5, 2))
    count()  # warms the caches (site settings, content types) the later requests share
    few = [count(), count(export="csv"), count(export="xlsx"), count(export="print")]
    other = Category.objects.create(name_vi="Khác", slug="khac")
    for n in range(30):
        paid(other if n % 2 else category, title=f"Bài thêm {n}", author_name=f"Tác giả {n % 7}",
             pen_name=f"Bút {n % 3}", article_type=commentary, publish_at=at(2024, 5, 1 + n % 28),
             royalty_paid_at=datetime.date(2024, 6, 30) if n % 3 else None)
    count()  # saving a category clears cached site data; warm it again
    assert [count(), count(export="csv"), count(export="xlsx"), count(export="print")] == few


# -- payments -------------------------------------------------------------------------------

def test_approver_records_a_payment_for_ticked_rows(client, approver, category):
    one = paid(category, title="Một", publish_at=at(2024, 5, 3))
    two = paid(category, title="Hai", publish_at=at(2024, 5, 4))
    already = paid(category, title="Đã trả trước", publish_at=at(2024, 5, 5), royalty_paid_at=datetime.date(2024, 5, 9))
    untouched = paid(category, title="Không chọn", publish_at=at(2024, 5, 6))
    client.force_login(approver)
    response = client.post(f"{REPORT_URL}?month=2024-05",
                           {"articles": [one.pk, two.pk, already.pk], "paid_on": "2024-06-15", "action": "pay"})
    assert response.status_code == 302 and response.url == f"{REPORT_URL}?month=2024-05"
    dates = dict(Article.objects.values_list("pk", "royalty_paid_at"))
    assert dates[one.pk] == dates[two.pk] == datetime.date(2024, 6, 15)
    assert dates[already.pk] == datetime.date(2024, 5, 9) and dates[untouched.pk] is None
    assert LogEntry.objects.filter(object_id__in=[str(one.pk), str(two.pk)], user=approver).count() == 2
    html = client.get(response.url).text
    assert "15/06/2024" in html


def test_approver_pays_every_unpaid_article_of_the_filtered_report_at_once(client, approver, category):
    hoa = [paid(category, title=f"Hoa {n}", author_name="Lê Thị Hoa", publish_at=at(2024, 5, 3 + n)) for n in range(3)]
    other_author = paid(category, title="Bảo", author_name="Trần Quốc Bảo", publish_at=at(2024, 5, 3))
    june = paid(category, title="Tháng sáu", author_name="Lê Thị Hoa", publish_at=at(2024, 6, 3))
    client.force_login(approver)
    url = f"{REPORT_URL}?month=2024-05&author=Hoa"
    response = client.post(url, {"paid_on": "2024-06-15", "action": "pay_all"})
    assert response.status_code == 302
    dates = dict(Article.objects.values_list("pk", "royalty_paid_at"))
    assert all(dates[article.pk] == datetime.date(2024, 6, 15) for article in hoa)
    assert dates[other_author.pk] is None and dates[june.pk] is None
    # Nothing left to pay: a form error, not a crash.
    response = client.post(url, {"paid_on": "2024-06-15", "action": "pay_all"})
    assert response.status_code == 200 and response.context["payment_form"].errors


def test_report_page_needs_no_inline_script(client, approver, may_articles):
    # The content security policy allows scripts from files only.
    client.force_login(approver)
    for params in ({"month": "2024-05"}, {"month": "2024-05", "export": "print"}):
        html = client.get(REPORT_URL, params).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert "onclick" not in html


def test_approver_clears_a_payment_recorded_by_mistake(client, approver, category):
    article = paid(category, publish_at=at(2024, 5, 3), royalty_paid_at=datetime.date(2024, 5, 9))
    client.force_login(approver)
    response = client.post(REPORT_URL, {"articles": [article.pk], "action": "clear"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.royalty_paid_at is None


def test_recording_a_payment_needs_the_csrf_token(approver, category):
    from django.test import Client

    article = paid(category, publish_at=at(2024, 5, 3))
    client = Client(enforce_csrf_checks=True)
    client.force_login(approver)
    response = client.post(REPORT_URL, {"articles": [article.pk], "paid_on": "2024-06-15", "action": "pay"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.royalty_paid_at is None


@pytest.mark.parametrize("data", [
    {"paid_on": "2024-06-15", "action": "pay"},  # nothing ticked
    {"articles": "{pk}", "paid_on": "31/02/2024", "action": "pay"},
    {"articles": "{pk}", "paid_on": "", "action": "pay"},
    {"articles": "{pk}", "paid_on": "2024-05-01", "action": "pay"},  # before publication
    {"articles": "{pk}", "paid_on": "2099-01-01", "action": "pay"},  # in the future
    {"articles": "{pk}", "paid_on": "99999-01-01", "action": "pay"},
    {"articles": "{pk}", "paid_on": "2024-06-15", "action": "steal"},
    {"articles": "{pk}", "paid_on": "2024-06-15"},
    {"articles": "9" * 30, "paid_on": "2024-06-15", "action": "pay"},
    {"articles": "abc", "paid_on": "2024-06-15", "action": "pay"},
    {"articles": "{draft}", "paid_on": "2024-06-15", "action": "pay"},
])
def test_bad_payment_input_is_a_form_error(client, approver, category, data):
    article = paid(category, publish_at=at(2024, 5, 3))
    draft = make_article(category, title="Nháp", approval=Article.Approval.DRAFT, publish_at=at(2024, 5, 3))
    data = {key: value.format(pk=article.pk, draft=draft.pk) for key, value in data.items()}
    client.force_login(approver)
    response = client.post(f"{REPORT_URL}?month=2024-05", data)
    assert response.status_code == 200
    assert response.context["payment_form"].errors
    assert 'class="errornote"' in response.text or "errorlist" in response.text
    assert not Article.objects.filter(royalty_paid_at__isnull=False).exists()


def test_too_many_ticked_rows_is_a_form_error(client, approver, db):
    client.force_login(approver)
    response = client.post(REPORT_URL, {"articles": [str(n) for n in range(1, 601)], "paid_on": "2024-06-15",
                                        "action": "pay"})
    assert response.status_code == 200 and response.context["payment_form"].errors
