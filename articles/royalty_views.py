from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views import View


class RoyaltyReportView(View):
    """The monthly royalty report (filled in by the royalty work)."""

    admin_site = None

    def get(self, request):
        if not request.user.has_perm("articles.view_royalty_report"):
            raise PermissionDenied
        return TemplateResponse(request, "admin/articles/royalty_report.html",
                                {**self.admin_site.each_context(request), "title": "Royalty report"})
