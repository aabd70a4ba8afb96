"""Royalty (nhuận bút) fees, the royalty report and royalty payments.

The fee is coefficient × the unit value in force on the publish date in Vietnam, fixed
once at approval. Royalties are due within 60 days of publication.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _, override

from articles.models import Article
from articles.text import fold

from .models import CoefficientUnit

# Royalty periods are accounting periods of a Vietnamese office, whatever the server's zone.
REPORT_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DUE_DAYS = 60
HEAVY_FIELDS = ("content_vi", "content_en", "search_body_vi", "search_body_en")
WARN_DAYS = 45


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, REPORT_TZ).date()


def day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of a day in Vietnam, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=REPORT_TZ)


def fee_for(article: Article) -> int | None:
    unit = CoefficientUnit.value_on(local_date(article.publish_at))
    if unit is None or article.coefficient is None:
        return None
    return int((article.coefficient * unit).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def article_set_fee(*, article: Article) -> Article:
    """Fix the fee at approval; a fee an approver typed in by hand is kept."""
    if not article.fee_overridden:
        article.fee = fee_for(article)
        Article.objects.filter(pk=article.pk).update(fee=article.fee)
    return article


def format_vnd(amount) -> str:
    """1234000 -> "1.234.000 đ", the Vietnamese way."""
    if amount is None or amount == "":
        return ""
    return f"{int(amount):,} đ".replace(",", ".")


def format_coefficient(value) -> str:
    """Up to two decimals, without trailing zeros, in the active language: "2,5" in Vietnamese."""
    if value is None or value == "":
        return ""
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    # normalize() turns 20 into 2E+1; the "f" format writes it out again.
    return f"{value:f}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))


# -- the report -------------------------------------------------------------------------------

@dataclass
class RoyaltyTotal:
    """Sums over a set of report lines: an author's subtotal or the grand total."""

    count: int = 0
    page_count: int = 0
    photo_count: int = 0
    coefficient: Decimal = Decimal("0")
    fee: int = 0
    paid: int = 0
    unpaid: int = 0
    missing_fee: int = 0

    def add(self, article: Article) -> None:
        self.count += 1
        self.page_count += article.page_count
        self.photo_count += article.photo_count
        self.coefficient += article.coefficient or 0
        fee = article.fee or 0
        self.fee += fee
        if article.royalty_paid_at:
            self.paid += fee
        else:
            self.unpaid += fee
        if article.fee is None:
            self.missing_fee += 1

    @property
    def fee_display(self) -> str:
        return format_vnd(self.fee)

    @property
    def paid_display(self) -> str:
        return format_vnd(self.paid)

    @property
    def unpaid_display(self) -> str:
        return format_vnd(self.unpaid)

    @property
    def coefficient_display(self) -> str:
        return format_coefficient(self.coefficient)


@dataclass
class RoyaltyGroup:
    author_name: str
    pen_name: str
    lines: list = field(default_factory=list)
    total: RoyaltyTotal = field(default_factory=RoyaltyTotal)

    @property
    def label(self) -> str:
        author = self.author_name or _("(no author name)")
        return f"{author} ({self.pen_name})" if self.pen_name else author


@dataclass
class RoyaltyReport:
    start: datetime.date | None  # None: every unpaid royalty published up to `end`
    end: datetime.date
    today: datetime.date
    is_month: bool = False
    groups: list = field(default_factory=list)
    total: RoyaltyTotal = field(default_factory=RoyaltyTotal)

    @property
    def lines(self):
        for group in self.groups:
            yield from group.lines

    @property
    def label(self) -> str:
        if self.start is None:
            return _("Unpaid royalties as of %(date)s") % {"date": self.end.strftime("%d/%m/%Y")}
        if self.is_month:
            return _("Month %(month)s") % {"month": self.start.strftime("%m/%Y")}
        return _("From %(start)s to %(end)s") % {"start": self.start.strftime("%d/%m/%Y"),
                                                  "end": self.end.strftime("%d/%m/%Y")}

    @property
    def slug(self) -> str:
        if self.start is None:
            return f"unpaid-{self.end:%Y-%m-%d}"
        if self.is_month:
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"


def _line(article: Article, today: datetime.date) -> Article:
    """Give an article what a report line shows; no query."""
    article.publish_date = local_date(article.publish_at)
    article.days = (today - article.publish_date).days
    owed = not article.royalty_paid_at and article.fee != 0
    article.due = ""
    if owed and article.days > DUE_DAYS:
        article.due = "overdue"
    elif owed and article.days > WARN_DAYS:
        article.due = "late"
    article.fee_display = format_vnd(article.fee)
    article.coefficient_display = format_coefficient(article.coefficient)
    return article


def royalty_report(*, start: datetime.date | None, end: datetime.date, is_month: bool = False,
                   category=None, article_type=None, author: str = "", unpaid_only: bool = False,
                   today: datetime.date | None = None) -> RoyaltyReport:
    """The approved articles published from `start` to `end` (Vietnam dates, both included),
    grouped by author name and pen name, with subtotals and the total: one query."""
    today = today or local_date(timezone.now())
    articles = (Article.objects.for_list().select_related("article_type")
                .filter(approval=Article.Approval.APPROVED, publish_at__lt=day_start(end + datetime.timedelta(days=1))))
    if start is not None:
        articles = articles.filter(publish_at__gte=day_start(start))
    # Scheduled articles are not published yet: nothing is due for them.
    articles = articles.filter(publish_at__lte=timezone.now())
    if category is not None:
        articles = articles.filter(category=category)
    if article_type is not None:
        articles = articles.filter(article_type=article_type)
    if author:
        articles = articles.filter(author_name__icontains=author)
    if unpaid_only:
        # As on the dashboard: nothing is owed for a fee of 0.
        articles = articles.filter(royalty_paid_at__isnull=True).exclude(fee=0)

    def order(article):
        # In Python: SQLite and PostgreSQL collate Vietnamese differently.
        return (not article.author_name, fold(article.author_name).casefold(), article.author_name,
                fold(article.pen_name).casefold(), article.pen_name, article.publish_at, article.pk)

    report = RoyaltyReport(start=start, end=end, today=today, is_month=is_month)
    groups = {}
    for article in sorted(articles, key=order):
        key = (article.author_name, article.pen_name)
        if key not in groups:
            groups[key] = RoyaltyGroup(author_name=article.author_name, pen_name=article.pen_name)
            report.groups.append(groups[key])
        article.number = report.total.count + 1
        groups[key].lines.append(_line(article, today))
        groups[key].total.add(article)
        report.total.add(article)
    return report


def royalty_unpaid_counts(*, today: datetime.date | None = None) -> dict:
    """How many published royalties are unpaid, and how many of those are older than 45 days."""
    today = today or local_date(timezone.now())
    warn_before = day_start(today - datetime.timedelta(days=WARN_DAYS))
    return (Article.objects.filter(approval=Article.Approval.APPROVED, royalty_paid_at__isnull=True,
                                   publish_at__lt=day_start(today + datetime.timedelta(days=1)))
            .exclude(fee=0)
            .aggregate(unpaid=Count("pk"), late=Count("pk", filter=Q(publish_at__lt=warn_before))))


# -- payments ---------------------------------------------------------------------------------

def _log_payment(*, articles, by) -> None:
    from django.contrib.admin.models import CHANGE, LogEntry

    # Stored untranslated, as the admin does: the history translates it when shown.
    with override(None):
        name = str(Article._meta.get_field("royalty_paid_at").verbose_name)
    message = json.dumps([{"changed": {"fields": [name]}}])
    LogEntry.objects.log_actions(user_id=by.pk, queryset=articles, action_flag=CHANGE,
                                 change_message=message, single_object=False)


def royalty_record_payment(*, article_ids, paid_on: datetime.date, by) -> int:
    """Record the date the royalties of these approved articles were paid.

    Articles already marked paid keep their date: a correction clears it first. Each
    change is logged in the articles' admin history. Returns how many were marked.
    """
    if not by.has_perm("articles.approve_article"):
        raise PermissionDenied(_("Only approvers may record royalty payments."))
    with transaction.atomic():
        unpaid = Article.objects.filter(pk__in=list(article_ids), approval=Article.Approval.APPROVED,
                                        royalty_paid_at__isnull=True)
        ids = list(unpaid.select_for_update().values_list("pk", flat=True))
        count = Article.objects.filter(pk__in=ids).update(royalty_paid_at=paid_on)
        if count:
            _log_payment(articles=Article.objects.filter(pk__in=ids).defer(*HEAVY_FIELDS), by=by)
    return count


def royalty_clear_payment(*, article_ids, by) -> int:
    """Mark these articles' royalties unpaid again, to correct a payment recorded by mistake."""
    if not by.has_perm("articles.approve_article"):
        raise PermissionDenied(_("Only approvers may record royalty payments."))
    with transaction.atomic():
        paid = Article.objects.filter(pk__in=list(article_ids), royalty_paid_at__isnull=False)
        ids = list(paid.select_for_update().values_list("pk", flat=True))
        count = Article.objects.filter(pk__in=ids).update(royalty_paid_at=None)
        if count:
            _log_payment(articles=Article.objects.filter(pk__in=ids).defer(*HEAVY_FIELDS), by=by)
    return count
