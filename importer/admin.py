import shutil

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin import StrictAdminMixin

from . import services
from .forms import UploadForm
from .mapping import MappingError
from .models import ImportRun, OldAddress
from .sources import SourceError

PERMISSION = "importer.import_portal"


@admin.register(ImportRun)
class ImportRunAdmin(StrictAdminMixin, admin.ModelAdmin):
    list_display = ("source", "started_at", "status", "created", "updated", "skipped", "failed", "dry_run")
    list_filter = ("status", "dry_run")
    list_per_page = 50
    fields = ("source", "status", "dry_run", "started_at", "finished_at", "total", "position", "created",
              "updated", "skipped", "failed", "resumed_from")
    readonly_fields = fields
    change_form_template = "importer/admin/importrun_change_form.html"
    change_list_template = "importer/admin/importrun_change_list.html"

    def has_add_permission(self, request):
        return False  # an import is started by uploading an export (upload_view)

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [path("upload/", wrap(self.upload_view), name="importer_upload"),
                path("<int:pk>/report.txt", wrap(self.report_view), name="importer_report"),
                *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_import": request.user.has_perm(PERMISSION), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def upload_view(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            run = self._import(request, form)
            if run is not None:
                return HttpResponseRedirect(reverse("admin:importer_importrun_change", args=[run.pk]))
        context = {**self.admin_site.each_context(request), "title": _("Import the old portal"),
                   "opts": self.model._meta, "form": form,
                   "last_run": ImportRun.objects.filter(dry_run=False).first()}
        return TemplateResponse(request, "importer/admin/upload.html", context, status=400 if form.errors else 200)

    def _import(self, request, form):
        folder = None
        try:
            source, media, folder = form.unpack()
            data = form.cleaned_data
            run = services.portal_import(source=source, media=media, mapping=data["mapping"], by=request.user,
                                         base_url=data["base_url"], dry_run=data["dry_run"],
                                         label=data["export"].name)
        except (ValidationError, SourceError, MappingError) as error:
            form.add_error("export", getattr(error, "messages", None) or str(error))
            return None
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        self.message_user(request, _("The import is done: %(created)d created, %(updated)d updated, %(failed)d "
                                     "errors.") % {"created": run.created, "updated": run.updated,
                                                   "failed": run.failed},
                          messages.WARNING if run.failed else messages.SUCCESS)
        return run

    def report_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk)
        response = HttpResponse(services.report_text(run), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="import-report-{run.pk}.txt"'
        return response


@admin.register(OldAddress)
class OldAddressAdmin(StrictAdminMixin, admin.ModelAdmin):
    list_display = ("path", "article", "new_address")
    list_select_related = ("article",)
    search_fields = ("key",)
    search_help_text = _("Part of the old address, such as the page's name or the item's number.")
    raw_id_fields = ("article",)
    fields = ("path", "article")
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description=_("new address"))
    def new_address(self, obj):
        return format_html('<a href="{0}">{0}</a>', obj.article.get_absolute_url())

    def get_search_results(self, request, queryset, search_term):
        # The stored key is lower-case and decoded: search it as it is stored.
        return super().get_search_results(request, queryset, OldAddress.normalise(search_term).strip("/"))
