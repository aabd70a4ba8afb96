"""Royalties (nhuận bút): fees, the royalty report and its exports, payments, the dashboard."""

import csv
import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import services
from articles.dashboard import dashboard_items
from articles.models import Article, ArticleType, Category, CoefficientUnit
from articles.royalties import fee_for, format_coefficient, format_vnd, royalty_report, royalty_unpaid_counts
from tests.conftest import make_article

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
REPORT_URL = "/admin/articles/article/royalties/"


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HCM)


def paid(category, **fields):
    """An approved article with its fee fixed, as approval leaves it."""
    fields.setdefault("title_en", "")
    article = make_article(category, **fields)
    if "fee" not in fields:
        article.fee = fee_for(article)
        Article.objects.filter(pk=article.pk).update(fee=article.fee)
    return article


def management_forms(html):
    return dict(re.findall(r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"', html))


def change_data(client, article, **overrides):
    """The article's change form as an approver would send it back."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(url).text
    publish_at = timezone.localtime(article.publish_at)
    data = {
        "title_vi": article.title_vi, "title_en": article.title_en or "",
        "summary_vi": article.summary_vi, "summary_en": article.summary_en or "",
        "content_vi": article.content_vi, "content_en": article.content_en or "",
        "image_caption_vi": "", "image_caption_en": "", "slug": article.slug,
        "category": article.category_id, "article_type": article.article_type_id, "content_link": "",
        "publish_at_0": publish_at.strftime("%d/%m/%Y"), "publish_at_1": publish_at.strftime("%H:%M:%S"),
        "allow_comments": "on", "is_shown": "on", "author_name": article.author_name, "pen_name": article.pen_name,
        "phone": "", "email": "", "page_count": str(article.page_count), "photo_count": str(article.photo_count),
        "coefficient": str(article.coefficient), "fee": "" if article.fee is None else str(article.fee),
        "fee_overridden": "on" if article.fee_overridden else None,
        "royalty_paid_at": article.royalty_paid_at.strftime("%d/%m/%Y") if article.royalty_paid_at else "",
    }
    data.update(management_forms(html))
    data["attachments-TOTAL_FORMS"] = "0"
    data.update(overrides)
    return url, {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def commentary(db):
    return ArticleType.objects.get(name_vi="Bình luận")


# -- fees -----------------------------------------------------------------------------------

def test_fee_is_coefficient_times_unit_value_fixed_at_approval(approver, category):
    article = make_article(category, approval=Article.Approval.PENDING, coefficient=Decimal("2.5"),
                           publish_at=at(2024, 8, 10))
    assert article.fee is None
    services.article_approve(article=article, by=approver)
    article.refresh_from_db()
    assert article.fee == 585_000  # 2.5 × 234,000


def test_fee_is_rounded_half_up_to_whole_dong(db, category):
    CoefficientUnit.objects.create(valid_from=datetime.date(2030, 1, 1), value=100_001)
    article = make_article(category, coefficient=Decimal("0.5"), publish_at=at(2030, 2, 1))
    assert fee_for(article) == 50_001  # 50,000.5


def test_overridden_fee_is_kept_at_approval(approver, category):
    article = make_article(category, approval=Article.Approval.PENDING, coefficient=Decimal("3"),
                           fee=1_000_000, fee_overridden=True, publish_at=at(2024, 8, 10))
    services.article_approve(article=article, by=approver)
    article.refresh_from_db()
    assert article.fee == 1_000_000 and article.fee_overridden


def test_unit_value_in_force_on_the_vietnam_publish_date_applies(approver, category):
    before = make_article(category, title="Trước", approval=Article.Approval.PENDING, coefficient=Decimal("1"),
                          publish_at=at(2024, 6, 30, 23, 59))
    # 00:30 on 1 July in Hà Nội is still 30 June in UTC: the Vietnamese date decides.
    after = make_article(category, title="Sau", approval=Article.Approval.PENDING, coefficient=Decimal("1"),
                         publish_at=at(2024, 7, 1, 0, 30))
    for article in (before, after):
        services.article_approve(article=article, by=approver)
        article.refresh_from_db()
    assert (before.fee, after.fee) == (180_000, 234_000)


def test_a_new_unit_value_never_changes_an_approved_fee(approver, category):
    article = make_article(category, approval=Article.Approval.PENDING, coefficient=Decimal("2"),
                           publish_at=at(2025, 3, 3))
    services.article_approve(article=article, by=approver)
    CoefficientUnit.objects.create(valid_from=datetime.date(2025, 1, 1), value=300_000, note="test")
    article.refresh_from_db()
    assert article.fee == 468_000
    assert fee_for(article) == 600_000  # what a new approval would now compute


# -- the article form -----------------------------------------------------------------------

def test_approver_typing_a_fee_marks_it_set_by_hand(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10))
    client.force_login(approver)
    url, data = change_data(client, article, fee="555000")
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (555_000, True)


def test_clearing_the_override_recomputes_the_fee_of_an_approved_article(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), fee=555_000, fee_overridden=True)
    client.force_login(approver)
    url, data = change_data(client, article)
    del data["fee_overridden"]
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (468_000, False)


def test_emptying_a_hand_fee_goes_back_to_the_computed_one(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), fee=555_000, fee_overridden=True)
    client.force_login(approver)
    url, data = change_data(client, article, fee="")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (468_000, False)


def test_correcting_the_coefficient_of_an_approved_article_recomputes_its_fee(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10))
    client.force_login(approver)
    url, data = change_data(client, article, coefficient="3")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (702_000, False)


def test_typed_fee_survives_save_and_approve(client, approver, category):
    article = make_article(category, approval=Article.Approval.PENDING, coefficient=Decimal("2"),
                           publish_at=at(2024, 8, 10))
    client.force_login(approver)
    url, data = change_data(client, article, fee="777000", _approve="1")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.approval == Article.Approval.APPROVED
    assert (article.fee, article.fee_overridden) == (777_000, True)


def test_coefficient_over_the_type_limit_is_a_form_error_naming_the_limit(client, approver, category, news_type):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), article_type=news_type)
    client.force_login(approver)
    url, data = change_data(client, article, coefficient="12")
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["coefficient"]
    assert any("10" in error for error in errors)
    article.refresh_from_db()
    assert article.coefficient == Decimal("2")


def test_editor_sees_the_fee_of_an_approved_article_read_only(client, editor, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), created_by=editor)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "468.000 đ" in html
    assert 'name="fee"' not in html


# -- formatting -----------------------------------------------------------------------------

def test_money_is_shown_the_vietnamese_way():
    assert format_vnd(1_234_000) == "1.234.000 đ"
    assert format_vnd(0) == "0 đ"
    assert format_vnd(None) == ""


def test_coefficients_have_up_to_two_decimals():
    with translation.override("vi"):
        assert [format_coefficient(Decimal(v)) for v in ("2.50", "2.25", "20", "3.00", "1.005")] == [
            "2,5", "2,25", "20", "3", "1,01"]
    with translation.override("en"):
        assert format_coefficient(Decimal("2.5")) == "2.5"


# -- the report -----------------------------------------------------------------------------

def test_period_boundaries_are_vietnam_time(db, category):
    first = paid(category, title="Đầu tháng", publish_at=at(2024, 5, 1, 0, 30))
    last = paid(category, title="Cuối tháng", publish_at=at(2024, 5, 31, 23, 59))
    paid(category, title="Tháng trước", publish_at=at(2024, 4, 30, 23, 59))
    paid(category, title="Tháng sau", publish_at=at(2024, 6, 1, 0, 0))
    make_article(category, title="Chưa duyệt", approval=Article.Approval.PENDING, publish_at=at(2024, 5, 10))
    report = royalty_report(start=datetime.date(2024, 5, 1), end=datetime.date(2024, 5, 31))
    assert sorted(line.pk for line in report.lines) == sorted([first.pk, last.pk])
    assert {line.publish_date for line in report.lines} == {datetime.date(2024, 5, 1), datetime.date(2024, 5, 31)}


def test_month_filter_on_the_page_uses_vietnam_time(client, approver, category):
    paid(category, title="Đầu tháng năm", publish_at=at(2024, 5, 1, 0, 30))
    paid(category, title="Cuối tháng tư", publish_at=at(2024, 4, 30, 23, 59))
    client.force_login(approver)
    html = client.get(REPORT_URL, {"month": "2024-05"}).text
    assert "Đầu tháng năm" in html and "Cuối tháng tư" not in html
    assert "01/05/2024" in html
    assert "Tháng 05/2024" in html


@pytest.fixture
def may_articles(category, commentary, news_type):
    """Three authors' May 2024 articles: 180,000 đ a unit."""
    paid(category, title="Bài A1", author_name="Nguyễn Minh Tuấn", pen_name="Minh Tuấn",
         coefficient=Decimal("2.5"), page_count=2, photo_count=1, publish_at=at(2024, 5, 3),
         royalty_paid_at=datetime.date(2024, 5, 20))  # 450,000
    paid(category, title="Bài A2", author_name="Nguyễn Minh Tuấn", pen_name="Minh Tuấn",
         coefficient=Decimal("1.25"), page_count=1, photo_count=0, publish_at=at(2024, 5, 4))  # 225,000
    paid(category, title="Bài A3", author_name="Nguyễn Minh Tuấn", pen_name="",
         coefficient=Decimal("3"), publish_at=at(2024, 5, 5))  # 540,000
    paid(category, title="Bài B1", author_name="Lê Thị Hoa", pen_name="Hoa Lê", article_type=commentary,
         coefficient=Decimal("12.75"), page_count=3, photo_count=4, publish_at=at(2024, 5, 6))  # 2,295,000
    paid(category, title="Bài B2 tự đặt", author_name="Lê Thị Hoa", pen_name="Hoa Lê", fee=1_234_567,
         fee_overridden=True, coefficient=Decimal("1"), publish_at=at(2024, 5, 7))
    return 450_000 + 225_000 + 540_000 + 2_295_000 + 1_234_567


def test_subtotals_per_author_and_pen_name_and_the_total_to_the_dong(may_articles):
    report = royalty_report(start=datetime.date(2024, 5, 1), end=datetime.date(2024, 5, 31), is_month=True,
                            today=datetime.date(2024, 6, 1))
    subtotals = {(g.author_name, g.pen_name): (g.total.count, g.total.fee) for g in report.groups}
    assert subtotals == {
        ("Lê Thị Hoa", "Hoa Lê"): (2, 2_295_000 + 1_234_567),
        ("Nguyễn Minh Tuấn", "Minh Tuấn"): (2, 450_000 + 225_000),
        ("Nguyễn Minh Tuấn", ""): (1, 540_000),
    }
    assert [g.author_name for g in report.groups][0] == "Lê Thị Hoa"  # L before N, diacritics aside
    assert report.total.fee == may_articles == 4_744_567
    assert (report.total.paid, report.total.unpaid) == (450_000, 4_294_567)
    assert report.total.coefficient == Decimal("20.50")
    assert (report.total.page_count, report.total.photo_count) == (6, 5)
    assert [line.number for line in report.lines] == [1, 2, 3, 4, 5]


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


def test_days_since_publication_are_flagged_after_45_and_60_days(db, category):
    for days in (45, 46, 60, 61):
        paid(category, title=f"{days} ngày", publish_at=at(2024, 1, 1) + datetime.timedelta(days=0),
             author_name=str(days))
    today = datetime.date(2024, 1, 1)
    flags = {}
    for days in (45, 46, 60, 61):
        report = royalty_report(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 1, 1),
                                today=today + datetime.timedelta(days=days), author=str(days))
        line = next(report.lines)
        flags[days] = (line.days, line.due)
    assert flags == {45: (45, ""), 46: (46, "late"), 60: (60, "late"), 61: (61, "overdue")}


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


# -- the admin index and the changelist -----------------------------------------------------

def test_dashboard_counts_unpaid_royalties_and_those_older_than_45_days(rf, approver, editor, category):
    now = timezone.now()
    paid(category, title="Mới", publish_at=now - datetime.timedelta(days=10))
    paid(category, title="Cũ", publish_at=now - datetime.timedelta(days=50))
    paid(category, title="Rất cũ", publish_at=now - datetime.timedelta(days=90))
    paid(category, title="Đã trả", publish_at=now - datetime.timedelta(days=90),
         royalty_paid_at=timezone.localdate() - datetime.timedelta(days=30))
    paid(category, title="Hệ số 0", coefficient=Decimal("0"), publish_at=now - datetime.timedelta(days=90))
    paid(category, title="Hẹn giờ", publish_at=now + datetime.timedelta(days=2))
    make_article(category, title="Chờ", approval=Article.Approval.PENDING, publish_at=now - datetime.timedelta(days=90))
    assert royalty_unpaid_counts() == {"unpaid": 3, "late": 2}

    request = rf.get("/admin/")
    request.user = approver
    items = {item["label"]: item for item in dashboard_items(request)}
    with translation.override("en"):
        items = {item["label"]: item for item in dashboard_items(request)}
    assert items["Unpaid royalties"]["count"] == 3
    late = items["Unpaid royalties older than 45 days"]
    assert late["count"] == 2 and late["warning"] and late["url"] == f"{REPORT_URL}?unpaid=on"
    assert "Articles awaiting approval" in items  # the existing item stays

    request.user = editor
    assert not any("royalt" in str(item["label"]).lower() for item in dashboard_items(request))


def test_admin_index_shows_the_royalty_items_to_approvers(client, approver, category):
    paid(category, publish_at=timezone.now() - datetime.timedelta(days=50))
    client.force_login(approver)
    html = client.get("/admin/").text
    assert "Nhuận bút chưa trả" in html and f"{REPORT_URL}?unpaid=on" in html


def test_changelist_links_to_the_report_only_for_those_allowed(client, approver, editor):
    client.force_login(approver)
    html = client.get(reverse("admin:articles_article_changelist")).text
    assert f'href="{REPORT_URL}"' in html
    assert "recoverlist" in html or "/recover/" in html  # reversion's link is kept
    client.force_login(editor)
    assert f'href="{REPORT_URL}"' not in client.get(reverse("admin:articles_article_changelist")).text


def test_demo_content_fills_the_report(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    today = timezone.localdate()
    report = royalty_report(start=today - datetime.timedelta(days=365), end=today)
    assert report.total.count >= 10 and report.total.fee > 0 and report.total.paid > 0 and report.total.unpaid > 0
    assert report.total.missing_fee == 0


def test_scheduled_articles_are_not_in_the_report_until_published(db, category):
    from django.utils import timezone as tz

    due = paid(category, title="Đã đăng", publish_at=tz.now() - datetime.timedelta(minutes=5))
    scheduled = paid(category, title="Hẹn giờ", publish_at=tz.now() + datetime.timedelta(days=2))
    today = tz.localdate()
    report = royalty_report(start=today - datetime.timedelta(days=3), end=today + datetime.timedelta(days=3))
    pks = {line.pk for line in report.lines}
    assert due.pk in pks and scheduled.pk not in pks
