import hashlib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _, ngettext, pgettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from portal.admin import SafeAutocompleteMixin, StrictAdminMixin

from . import importer, search, services
from .admin_support import (IMPORT_COLUMNS, DocumentAdminForm, ImportForm, ValidityFilter,
                            YearFilter, is_approver)
from .models import Approval, Document, DocumentFile, DocumentRelation, DocumentType, Issuer, Opinion, Sector
from .pagination import RowsPaginator


class ManagedListAdmin(StrictAdminMixin, TranslationAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name_vi", "name_en")


admin.site.register(DocumentType, ManagedListAdmin)
admin.site.register(Issuer, ManagedListAdmin)
admin.site.register(Sector, ManagedListAdmin)


class DocumentFileInline(TranslationTabularInline):
    model = DocumentFile
    fields = ("title", "file", "order")
    extra = 1


class RelationOutInline(SafeAutocompleteMixin, admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    fields = ("kind", "target")
    autocomplete_fields = ("target",)
    extra = 0
    verbose_name = _("this document replaces, amends or guides")
    verbose_name_plural = _("this document replaces, amends or guides")


class RelationInInline(SafeAutocompleteMixin, admin.TabularInline):
    model = DocumentRelation
    fk_name = "target"
    fields = ("source", "kind")
    autocomplete_fields = ("source",)
    extra = 0
    verbose_name = _("another document replaces, amends or guides this one")
    verbose_name_plural = _("other documents that replace, amend or guide this one")


@admin.register(Document)
class DocumentAdmin(SafeAutocompleteMixin, StrictAdminMixin, TranslationAdmin):
    form = DocumentAdminForm
    list_display = ("number_display", "summary_display", "doc_type", "issuer", "issue_date", "validity_display",
                    "approval_badge")
    list_display_links = ("number_display",)
    list_filter = ("approval", "is_draft", "doc_type", "issuer", "sector", YearFilter, ValidityFilter)
    # What autocomplete needs to be offered; the search itself is search.ranked (get_search_results).
    search_fields = ("number",)
    search_help_text = _("By number (45/2026/QĐ-UBND, 45/2026 or 45 2026 qd ubnd) or by words of the summary.")
    list_select_related = ("doc_type", "issuer")
    list_per_page = 50
    show_full_result_count = False
    autocomplete_fields = ("related_articles",)
    inlines = (DocumentFileInline, RelationOutInline, RelationInInline)
    actions = ("submit_selected", "approve_selected", "unpublish_selected")
    change_form_template = "admin/documents/document/change_form.html"
    change_list_template = "admin/documents/document/change_list.html"
    view_on_site = False

    class Media:
        css = {"all": ("portal/css/admin.css", "documents/admin.css")}
        js = ("portal/js/editor-i18n.js",)

    fieldsets = (
        (_("Document"), {"fields": ("number", "doc_type", "issuer", "sector", "signer")}),
        (_("Dates"), {"fields": ("issue_date", "effective_date", "expiry_date")}),
        (_("Vietnamese"), {"fields": ("summary_vi", "content_vi")}),
        (_("English"), {"fields": ("summary_en", "content_en"),
                        "description": _("Leave empty when there is no English version: the English "
                                         "pages then show the Vietnamese text.")}),
        (_("Draft for public comment"), {"fields": ("is_draft", "comment_opens", "comment_closes",
                                                    "opinion_summary_vi", "opinion_summary_en")}),
        (_("Publication"), {"fields": ("slug", "publish_at", "related_articles")}),
        (_("Workflow"), {"fields": ("approval_display", "rejection_reason", "approved_by", "approved_at")}),
    )
    readonly_fields = ("approval_display", "rejection_reason", "approved_by", "approved_at")

    # -- the list ---------------------------------------------------------------------------
    def get_queryset(self, request):
        return (super().get_queryset(request)
                .defer("content_vi", "content_en", "search_text", "opinion_summary_vi", "opinion_summary_en"))

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if queryset.model is not Document:  # the History page's log entries: Django's own paging
            return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        # COUNT(*) over every document costs more than the page: kept under the page-cache version.
        try:
            key = "admin-documents:" + hashlib.sha256(str(queryset.query).encode()).hexdigest()
        except Exception:  # a query that cannot be printed (e.g. an empty result) is counted
            key = ""
        return RowsPaginator(queryset, per_page, orphans, allow_empty_first_page, count_key=key, request=request)

    def get_search_results(self, request, queryset, search_term):
        if not search.terms_of(search_term):
            return queryset, False
        return search.ranked(queryset, search_term), False

    @admin.display(description=_("number and symbol"), ordering="number")
    def number_display(self, obj):
        return obj.number or _("(no number)")

    @admin.display(description=pgettext_lazy("document", "summary"))
    def summary_display(self, obj):
        text = " ".join((obj.summary or "").split())
        return text if len(text) <= 90 else text[:89] + "…"

    @admin.display(description=_("validity"))
    def validity_display(self, obj):
        if obj.is_draft:
            return _("Draft for comment")
        return obj.current_validity.label

    @admin.display(description=_("approval status"), ordering="approval")
    def approval_badge(self, obj):
        return format_html('<strong class="document-approval document-approval-{}">{}</strong>', obj.approval,
                           obj.get_approval_display())

    @admin.display(description=_("approval status"))
    def approval_display(self, obj):
        return self.approval_badge(obj) if obj and obj.pk else Approval.DRAFT.label

    # -- permissions ------------------------------------------------------------------------
    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.is_editable_by(request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or is_approver(request) or (
            obj.created_by_id == request.user.pk and obj.approval != Approval.APPROVED)

    def has_approve_permission(self, request):
        return is_approver(request)

    # -- saving and the workflow buttons ----------------------------------------------------
    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def _workflow(self, request, obj):
        try:
            if "_submit" in request.POST:
                services.document_submit(document=obj, by=request.user)
                self.message_user(request, _("Submitted for approval."), messages.SUCCESS)
            elif "_approve" in request.POST:
                services.document_approve(document=obj, by=request.user)
                self.message_user(request, _("Approved."), messages.SUCCESS)
            elif "_reject" in request.POST:
                services.document_reject(document=obj, by=request.user,
                                         reason=request.POST.get("_rejection_reason", ""))
                self.message_user(request, _("Rejected; the editor sees your reason."), messages.WARNING)
            elif "_unpublish" in request.POST:
                services.document_unpublish(document=obj, by=request.user)
                self.message_user(request, _("The approval was withdrawn."), messages.WARNING)
            else:
                return None
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
        return HttpResponseRedirect(request.path if "_continue" in request.POST or "_reject" in request.POST
                                    else reverse("admin:documents_document_changelist"))

    def response_add(self, request, obj, post_url_continue=None):
        return self._workflow(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._workflow(request, obj) or super().response_change(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "is_approver": is_approver(request)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    # -- bulk actions -----------------------------------------------------------------------
    def _bulk(self, request, queryset, move, done_message):
        done = 0
        for document in queryset:
            try:
                move(document=document, by=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{document}: {' '.join(getattr(error, 'messages', [str(error)]))}",
                                  messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Submit for approval"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, services.document_submit, _("%(count)d document(s) submitted."))

    @admin.action(description=_("Approve"), permissions=("approve",))
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, services.document_approve, _("%(count)d document(s) approved."))

    @admin.action(description=_("Withdraw approval"), permissions=("approve",))
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, services.document_unpublish, _("%(count)d approval(s) withdrawn."))

    # -- the import -------------------------------------------------------------------------
    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="documents_document_import"),
                *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report, error = None, ""
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES, approver=is_approver(request))
            if form.is_valid():
                try:
                    report = importer.run(form.cleaned_data["file"], by=request.user,
                                          dry_run=form.cleaned_data["dry_run"],
                                          approve=form.cleaned_data.get("approve", False))
                except importer.ImportFileError as problem:
                    error = str(problem)
                else:
                    if report.imported:
                        self.message_user(request, ngettext("%(count)d document imported.",
                                                            "%(count)d documents imported.", report.imported)
                                          % {"count": report.imported}, messages.SUCCESS)
        else:
            form = ImportForm(approver=is_approver(request))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import documents"),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "error": error,
            "columns": IMPORT_COLUMNS,
        }
        return TemplateResponse(request, "admin/documents/document/import.html", context)


@admin.register(Opinion)
class OpinionAdmin(StrictAdminMixin, admin.ModelAdmin):
    list_display = ("excerpt", "name", "email", "document", "status", "created_at")
    list_display_links = ("excerpt",)
    list_filter = ("status", ("document", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "email", "body")
    list_select_related = ("document",)
    list_per_page = 50
    actions = ("approve_selected", "reject_selected", "mark_spam_selected")
    fields = ("document", "name", "email", "created_at", "body", "status", "moderated_by", "moderated_at")
    readonly_fields = ("document", "name", "email", "created_at", "body", "moderated_by", "moderated_at")

    @admin.display(description=_("opinion"))
    def excerpt(self, obj):
        text = " ".join(obj.body.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def has_add_permission(self, request):
        return False  # opinions come from readers only

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderate(form.cleaned_data["status"], by=request.user, was=form.initial.get("status"))

    def _moderate_selected(self, request, queryset, status, message):
        done = 0
        for opinion in queryset.exclude(status=status):
            opinion.moderate(status, by=request.user)
            done += 1
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected opinions"), permissions=("change",))
    def approve_selected(self, request, queryset):
        self._moderate_selected(request, queryset, Opinion.Status.APPROVED, _("%(count)d opinion(s) approved."))

    @admin.action(description=_("Reject the selected opinions"), permissions=("change",))
    def reject_selected(self, request, queryset):
        self._moderate_selected(request, queryset, Opinion.Status.REJECTED, _("%(count)d opinion(s) rejected."))

    @admin.action(description=_("Mark the selected opinions as spam"), permissions=("change",))
    def mark_spam_selected(self, request, queryset):
        self._moderate_selected(request, queryset, Opinion.Status.SPAM, _("%(count)d opinion(s) marked as spam."))
