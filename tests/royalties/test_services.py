"""Royalty fees, their formatting and the report they add up to."""

import datetime
from decimal import Decimal

from django.utils import translation

from articles import services
from articles.models import Article
from royalties.models import CoefficientUnit
from royalties.services import fee_for, format_coefficient, format_vnd, royalty_report
from tests.conftest import make_article
from tests.royalties.conftest import at, paid


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


def test_scheduled_articles_are_not_in_the_report_until_published(db, category):
    from django.utils import timezone as tz

    due = paid(category, title="Đã đăng", publish_at=tz.now() - datetime.timedelta(minutes=5))
    scheduled = paid(category, title="Hẹn giờ", publish_at=tz.now() + datetime.timedelta(days=2))
    today = tz.localdate()
    report = royalty_report(start=today - datetime.timedelta(days=3), end=today + datetime.timedelta(days=3))
    pks = {line.pk for line in report.lines}
    assert due.pk in pks and scheduled.pk not in pks
