import csv
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.admin import StrictAdminMixin
from portal.models import SiteSettings

from . import reports
from .charts import chart_css, chart_svg
from .forms import PERIODS, ExportForm, PeriodForm
from .models import DailyStat
from .services import figures_current

PERMISSION = "stats.view_statistics"


@admin.register(DailyStat)
class StatisticsAdmin(StrictAdminMixin, admin.ModelAdmin):
    """Not a list of rows: the model's admin entry opens the statistics page."""

    def has_module_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        # Placed first, the page takes the changelist's address, so the admin index links to it.
        return [
            path("", wrap(self.statistics_view), name="stats_statistics"),
            path("export.csv", wrap(self.export_view), name="stats_export"),
            path("chart.css", wrap(self.chart_css_view), name="stats_chart_css"),
            *super().get_urls(),
        ]

    def _check(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied

    def statistics_view(self, request, export_form=None, status=200):
        self._check(request)
        today = timezone.localdate()
        days_wanted = PeriodForm(request.GET).period()
        start = today - timedelta(days=days_wanted - 1)
        pending = reports.pending_counts()
        days = reports.daily_figures(start, today, pending=pending)
        try:
            figures = figures_current()
        except Exception:  # the store is down: the rest of the page still stands
            figures = {"online": None, "visits": None}
        languages = dict(settings.LANGUAGES)
        shares = [{**share, "name": languages.get(share["language"], share["language"])}
                  for share in reports.language_shares(days)]
        labels = {"today": _("Today"), "yesterday": _("Yesterday"), "week": _("This week"),
                  "month": _("This month"), "all": _("All time")}
        summary = [{**row, "label": labels[row["period"]]} for row in reports.summary(today, pending=pending)]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Statistics"),
            "figures": figures,
            "online_minutes": SiteSettings.load().online_window_minutes,
            "summary": summary,
            "period": days_wanted,
            "periods": PERIODS,
            "start": start,
            "end": today,
            "days": days,
            "chart": chart_svg(days),
            "shares": shares,
            "top_articles": reports.top_articles(start, today),
            "top_categories": reports.top_categories(start, today),
            "export_form": export_form or ExportForm(initial=ExportForm.initial_for(today)),
        }
        return TemplateResponse(request, "stats/admin/statistics.html", context, status=status)

    def export_view(self, request):
        """The daily figures of any date range as CSV; a bad range shows the form's errors (400)."""
        self._check(request)
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self.statistics_view(request, export_form=form, status=400)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        languages = [code for code, _name in settings.LANGUAGES]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="statistics-{start}-{end}.csv"'
        # A byte-order mark makes spreadsheet programs read the Vietnamese headings as UTF-8.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([_("Date"), _("Page views"), _("Visits"), _("Unique readers"),
                         *[_("Page views (%(language)s)") % {"language": code} for code in languages]])
        for day in reports.daily_figures(start, end):
            writer.writerow([day.day.isoformat(), day.page_views, day.visits, day.unique_readers,
                             *[day.languages.get(code, 0) for code in languages]])
        return response

    def chart_css_view(self, request):
        self._check(request)
        response = HttpResponse(chart_css(), content_type="text/css; charset=utf-8")
        response["Cache-Control"] = "private, max-age=3600"
        return response
