"""The royalty report in the admin: the table, its CSV, XLSX and print layouts, and payments."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext
from django.views import View

from articles.models import Article
from articles.text import slug_from
from portal.models import SiteSettings

from .forms import RoyaltyPaymentForm, RoyaltyReportForm
from .services import format_coefficient, local_date, royalty_clear_payment, royalty_record_payment

FILTER_FIELDS = ("month", "start", "end", "category", "article_type", "author", "unpaid")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_record_payments(user) -> bool:
    return user.has_perm("articles.approve_article")


# -- the rows every layout shares ------------------------------------------------------------

def columns() -> list[str]:
    return [_("No."), _("Publish date"), _("Title"), _("Category"), _("Type"), _("Author name"), _("Pen name"),
            _("Page count"), _("Photo count"), _("Coefficient"), _("Fee (VND)"), _("Status"), _("Paid on"),
            _("Days since publication"), _("Note")]


def _status(article) -> str:
    if article.fee == 0:
        return _("Nothing due")
    return _("Paid") if article.royalty_paid_at else _("Unpaid")


def _note(article) -> str:
    if article.fee is None:
        return _("No fee")
    return {"overdue": _("Overdue (over 60 days)"), "late": _("Over 45 days")}.get(article.due, "")


def _sum_row(label, total) -> list:
    return ["", None, label, "", "", "", "", total.page_count, total.photo_count, total.coefficient, total.fee,
            "", None, None, ""]


def export_rows(report):
    """The report as plain values: ("line" | "subtotal" | "total" | "paid" | "unpaid", cells)."""
    for group in report.groups:
        for article in group.lines:
            yield "line", [article.number, article.publish_date, article.title, article.category.name,
                           article.article_type.name, article.author_name, article.pen_name,
                           article.page_count, article.photo_count, article.coefficient, article.fee,
                           _status(article), article.royalty_paid_at, article.days, _note(article)]
        label = ngettext("Subtotal for %(author)s: %(count)d article", "Subtotal for %(author)s: %(count)d articles",
                         group.total.count) % {"author": group.label, "count": group.total.count}
        row = _sum_row(label, group.total)
        row[5], row[6] = group.author_name, group.pen_name
        yield "subtotal", row
    total = report.total
    yield "total", _sum_row(ngettext("Total: %(count)d article", "Total: %(count)d articles", total.count)
                            % {"count": total.count}, total)
    yield "paid", ["", None, _("Of which paid"), "", "", "", "", None, None, None, total.paid, "", None, None, ""]
    yield "unpaid", ["", None, _("Of which unpaid"), "", "", "", "", None, None, None, total.unpaid, "", None, None, ""]


def _filename(report, extension: str) -> str:
    # Outside the f-string, where makemessages can find it.
    name = _("royalties")
    return f"{slug_from(name)}-{report.slug}.{extension}"


def csv_response(report) -> HttpResponse:
    # The byte-order mark makes Excel read the file as UTF-8, so Vietnamese stays readable.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(columns())
    for _kind, cells in export_rows(report):
        for index in (1, 12):
            cells[index] = cells[index].strftime("%d/%m/%Y") if cells[index] else ""
        # The fee stays whole đồng without separators: a number in any spreadsheet's locale.
        cells[9] = format_coefficient(cells[9])
        writer.writerow(["" if cell is None else cell for cell in cells])
    return response


def xlsx_response(report, *, site=None) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    site = site or SiteSettings.load()
    book = Workbook()
    sheet = book.active
    sheet.title = _("Royalties")[:31]
    heading = [site.agency_name.upper(), _("Royalty report"), report.label]
    for text in heading:
        sheet.append([text])
    sheet["A2"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(columns())
    header = sheet.max_row
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    for cell in sheet[header]:
        cell.font, cell.fill = bold, grey
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = f"A{header + 1}"  # sheet.cell() would create the row below
    formats = {2: "DD/MM/YYYY", 8: "0", 9: "0", 10: "0.00", 11: '#,##0 "đ"', 13: "DD/MM/YYYY", 14: "0"}
    for kind, cells in export_rows(report):
        sheet.append(cells)
        for column, number_format in formats.items():
            sheet.cell(row=sheet.max_row, column=column).number_format = number_format
        if kind != "line":
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        if kind == "total":
            for cell in sheet[sheet.max_row]:
                cell.border = Border(top=Side(style="thin"))
    sheet.append([])
    signatures = sheet.max_row + 1
    sheet.cell(row=signatures, column=2, value=_("Prepared by"))
    sheet.cell(row=signatures, column=6, value=_("Accountant"))
    sheet.cell(row=signatures, column=11, value=_("Chief editor"))
    for column in (2, 6, 11):
        sheet.cell(row=signatures, column=column).font = bold
        sheet.cell(row=signatures + 1, column=column, value=_("(signature and full name)"))
    for letter, width in zip("ABCDEFGHIJKLMNO", (5, 11, 48, 18, 14, 22, 16, 6, 6, 9, 14, 10, 11, 9, 18)):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response


# -- the page ---------------------------------------------------------------------------------

class RoyaltyReportView(View):
    """The royalty report: GET shows or exports it, POST records payments of ticked rows."""

    admin_site = None
    template_name = "admin/royalties/report.html"
    print_template_name = "admin/royalties/report_print.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("articles.view_royalty_report"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filter_form(self, request):
        data = request.GET.copy()
        if not any(name in data for name in FILTER_FIELDS):
            data["month"] = local_date(timezone.now()).strftime("%Y-%m")
        return RoyaltyReportForm(data)

    def get(self, request):
        form = self.filter_form(request)
        report = form.report() if form.is_valid() else None
        export = request.GET.get("export")
        if report is not None and export == "csv":
            return csv_response(report)
        if report is not None and export == "xlsx":
            return xlsx_response(report)
        return self.render(request, form, report, print_layout=export == "print")

    def post(self, request):
        if not may_record_payments(request.user):
            raise PermissionDenied
        data = request.POST
        if data.get("action") == "pay_all":
            # "Every unpaid article listed": the rows of the report as filtered, no script needed.
            form = self.filter_form(request)
            data = data.copy()
            data["action"] = RoyaltyPaymentForm.PAY
            owed = []
            if form.is_valid():
                owed = [str(line.pk) for line in form.report().lines if not line.royalty_paid_at and line.fee != 0]
            data.setlist("articles", owed)
        payment = RoyaltyPaymentForm(data)
        if payment.is_valid():
            ids = payment.cleaned_data["articles"]
            if payment.cleaned_data["action"] == RoyaltyPaymentForm.PAY:
                count = royalty_record_payment(article_ids=ids, paid_on=payment.cleaned_data["paid_on"],
                                               by=request.user)
                message = ngettext("Payment recorded for %(count)d article.",
                                   "Payment recorded for %(count)d articles.", count) % {"count": count}
                if count < len(ids):
                    message += " " + _("Articles already marked paid kept their payment date.")
            else:
                count = royalty_clear_payment(article_ids=ids, by=request.user)
                message = ngettext("%(count)d article marked unpaid.", "%(count)d articles marked unpaid.",
                                   count) % {"count": count}
            messages.success(request, message)
            return HttpResponseRedirect(request.get_full_path())
        form = self.filter_form(request)
        report = form.report() if form.is_valid() else None
        return self.render(request, form, report, payment_form=payment)

    def render(self, request, form, report, *, print_layout=False, payment_form=None):
        query = request.GET.copy()
        query.pop("export", None)
        query = query.urlencode()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Royalty report"),
            "subtitle": report.label if report else None,
            "opts": Article._meta,
            "form": form,
            "report": report,
            "payment_form": payment_form or RoyaltyPaymentForm(),
            "ticked": set(request.POST.getlist("articles")) if payment_form else set(),
            "may_pay": may_record_payments(request.user) and not print_layout,
            "query": f"?{query}&" if query else "?",
            "site": SiteSettings.load(),
            "print_layout": print_layout,
            "authors": (Article.objects.filter(approval=Article.Approval.APPROVED).exclude(author_name="")
                        .order_by("author_name").values_list("author_name", flat=True).distinct()[:300]),
        }
        template = self.print_template_name if print_layout else self.template_name
        return TemplateResponse(request, template, context)
