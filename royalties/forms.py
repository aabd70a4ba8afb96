"""The royalty report's filter form and its payment form."""

import calendar
import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleType, Category

from .services import local_date, royalty_report

# Dates outside this window are typing mistakes; they would also overflow date arithmetic.
EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)
MAX_RANGE_DAYS = 366
MAX_IDS = 500
BIGINT_MAX = 2**63 - 1


def _check_window(day: datetime.date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s."),
            code="out_of_range",
            params={"earliest": EARLIEST.strftime("%d/%m/%Y"), "latest": LATEST.strftime("%d/%m/%Y")})


class MonthField(forms.Field):
    """A month as "2024-05" (what <input type=month> sends) or "05/2024"; cleans to its 1st day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "mm/yyyy", "size": 8})
    patterns = (re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),
                re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"))

    def to_python(self, value):
        value = str(value or "").strip()
        if not value:
            return None
        for pattern in self.patterns:
            match = pattern.match(value)
            if match and 1 <= int(match["month"]) <= 12:
                day = datetime.date(int(match["year"]), int(match["month"]), 1)
                _check_window(day)
                return day
        raise forms.ValidationError(_("Enter a month as mm/yyyy."), code="invalid")


class DayField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None:
            _check_window(day)
        return day


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice by id that refuses ids no database column could hold, before asking the database."""

    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isdigit() and int(value) <= BIGINT_MAX):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class RoyaltyReportForm(forms.Form):
    """Which royalties to list: a month or a date range, narrowed by category, type and author.

    With nothing chosen, the current month; with "unpaid only" and no period, every unpaid
    royalty up to today.
    """

    month = MonthField(label=_("Month"), required=False)
    start = DayField(label=_("From"), required=False)
    end = DayField(label=_("To"), required=False)
    category = BoundedModelChoiceField(Category.objects.all(), label=_("Category"), required=False)
    article_type = BoundedModelChoiceField(ArticleType.objects.all(), label=_("Article type"), required=False)
    author = forms.CharField(label=_("Author name"), max_length=150, required=False,
                             widget=forms.TextInput(attrs={"list": "royalty-authors", "size": 20}))
    unpaid = forms.BooleanField(label=_("Unpaid only"), required=False)

    def clean(self):
        data = super().clean()
        month, start, end = data.get("month"), data.get("start"), data.get("end")
        if any(self.has_error(name) for name in ("month", "start", "end")):
            return data
        if month and (start or end):
            raise forms.ValidationError(_("Choose either a month or a date range, not both."), code="both")
        if start or end:
            if not (start and end):
                raise forms.ValidationError(_("A date range needs both its first and its last day."),
                                            code="incomplete")
            if end < start:
                self.add_error("end", forms.ValidationError(_("The last day comes before the first."),
                                                            code="reversed"))
            elif (end - start).days >= MAX_RANGE_DAYS:
                self.add_error("end", forms.ValidationError(
                    _("A date range may cover at most %(days)d days."), code="too_long",
                    params={"days": MAX_RANGE_DAYS}))
        return data

    def report(self, *, today: datetime.date | None = None):
        """The report the valid form asks for."""
        data = self.cleaned_data
        today = today or local_date(timezone.now())
        month, start, end, is_month = data.get("month"), data.get("start"), data.get("end"), False
        if not (start or end):
            if month is None and data.get("unpaid"):
                start, end = None, today
            else:
                month = month or today.replace(day=1)
                start, is_month = month, True
                end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        return royalty_report(start=start, end=end, is_month=is_month, category=data.get("category"),
                              article_type=data.get("article_type"), author=data.get("author", "").strip(),
                              unpaid_only=data.get("unpaid", False), today=today)


class ArticleIdsField(forms.Field):
    """The ticked rows of the report: ids of approved articles."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        if len(value) > MAX_IDS:
            raise forms.ValidationError(_("Select at most %(count)d articles at a time."),
                                        code="too_many", params={"count": MAX_IDS})
        if not all(str(item).isdigit() and 0 < int(item) <= BIGINT_MAX for item in value):
            raise forms.ValidationError(_("Select articles from the report."), code="invalid")
        return sorted({int(item) for item in value})

    def validate(self, value):
        if not value:
            raise forms.ValidationError(_("Select the articles first."), code="required")


class RoyaltyPaymentForm(forms.Form):
    """Record, or clear, the date on which the royalties of the ticked articles were paid."""

    PAY = "pay"
    CLEAR = "clear"

    articles = ArticleIdsField()
    paid_on = DayField(label=_("Paid on"), required=False)
    action = forms.ChoiceField(choices=((PAY, _("Record payment")), (CLEAR, _("Mark unpaid"))),
                               widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        ids, action = data.get("articles"), data.get("action")
        if not ids or not action:
            return data
        found = list(Article.objects.filter(pk__in=ids, approval=Article.Approval.APPROVED)
                     .values_list("pk", "publish_at", "title_vi"))
        if len(found) != len(ids):
            raise forms.ValidationError(_("Some of the selected articles are not approved articles."),
                                        code="unknown")
        if action != self.PAY:
            return data
        paid_on = data.get("paid_on")
        if paid_on is None:
            if not self.has_error("paid_on"):
                self.add_error("paid_on", forms.ValidationError(_("Enter the payment date."), code="required"))
            return data
        if paid_on > local_date(timezone.now()):
            self.add_error("paid_on", forms.ValidationError(_("The payment date is in the future."),
                                                            code="future"))
            return data
        for _pk, publish_at, title in found:
            if local_date(publish_at) > paid_on:
                self.add_error("paid_on", forms.ValidationError(
                    _("“%(title)s” was published on %(date)s, after that payment date."), code="early",
                    params={"title": title, "date": local_date(publish_at).strftime("%d/%m/%Y")}))
                break
        return data
