import datetime
import hashlib

import reversion
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin

from portal import pagecache
from portal.admin import StrictAdminMixin
from portal.pagination import CachedCountPaginator
from portal.dates import year_in_range

from . import services
from .models import Article, ArticleType, Attachment, Category, Transition

WORKFLOW_FIELDS = ("approval", "approved_by", "approved_at", "rejection_reason", "read_count",
                   "comment_count", "fee", "fee_overridden", "royalty_paid_at", "search_title_vi",
                   "search_title_en", "search_body_vi", "search_body_en")
# Revisions keep what editors write; the workflow's own record is the Transition table.
reversion.register(Attachment)
reversion.register(Article, follow=("attachments",), exclude=WORKFLOW_FIELDS)


def is_approver(request) -> bool:
    return request.user.has_perm("articles.approve_article")


@admin.register(Category)
class CategoryAdmin(StrictAdminMixin, TranslationAdmin):
    list_display = ("name", "slug", "parent", "order", "in_navigation")
    list_editable = ("order", "in_navigation")
    search_fields = ("name_vi", "name_en", "slug")


@admin.register(ArticleType)
class ArticleTypeAdmin(StrictAdminMixin, TranslationAdmin):
    list_display = ("name", "max_coefficient", "is_default", "order")
    list_editable = ("order",)


class AttachmentInline(TranslationTabularInline):
    model = Attachment
    fields = ("title", "file", "order")
    extra = 1


class TransitionInline(admin.TabularInline):
    model = Transition
    fields = ("at", "by", "from_status", "to_status", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("workflow history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LacksEnglishFilter(admin.SimpleListFilter):
    title = _("English version")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return (("missing", _("Missing")), ("present", _("Present")))

    def queryset(self, request, queryset):
        missing = Article.objects.lacking_translation("en").values("pk")
        if self.value() == "missing":
            return queryset.filter(pk__in=missing)
        if self.value() == "present":
            return queryset.exclude(pk__in=missing)
        return queryset


class PublishMonthFilter(admin.SimpleListFilter):
    """The publication month, among the last 24: computed, unlike date_hierarchy's DISTINCT scan."""

    title = Article._meta.get_field("publish_at").verbose_name
    parameter_name = "month"
    MONTHS = 24

    def lookups(self, request, model_admin):
        today = timezone.localdate()
        year, month = today.year, today.month
        months = []
        for _n in range(self.MONTHS):
            months.append((f"{year:04d}-{month:02d}", f"{month:02d}/{year:04d}"))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return months

    def queryset(self, request, queryset):
        try:
            year, month = (int(part) for part in (self.value() or "").split("-"))
            start = timezone.make_aware(datetime.datetime(year, month, 1))
        except (TypeError, ValueError):
            return queryset
        if not year_in_range(year):  # nothing is dated then, and 9999-12 would end in year 10000
            return queryset
        end = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1))
        return queryset.filter(publish_at__gte=start, publish_at__lt=end)



class QueueFirstPaginator(CachedCountPaginator):
    """Pages through a list with the rows matching `first` (an editor's own unfinished
    articles: a handful) before all the others, each part newest first: the order of
    ArticleAdmin.get_ordering, without sorting the whole archive for it. A CASE on the user
    cannot be indexed, so PostgreSQL read and sorted every row (183 ms a page at 100,000
    articles); here each part is a LIMIT over an index (article_unfinished_idx for the first,
    article_newest_idx for the rest), after one count of the first."""

    def __init__(self, *args, first: Q, **kwargs):
        super().__init__(*args, **kwargs)
        self.first = first

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ordered = self.object_list.order_by("-publish_at", "-id")
        head = ordered.filter(self.first)
        n = head.count()
        rows = list(head[bottom:min(top, n)]) if bottom < n else []
        if top > n:
            rows += list(ordered.exclude(self.first)[max(bottom - n, 0):top - n])
        return self._get_page(rows, number, self)


@admin.register(Article)
class ArticleAdmin(StrictAdminMixin, VersionAdmin, TranslationAdmin):
    list_display = ("title", "category_display", "approval_badge", "publish_at", "read_count", "byline_display")
    list_display_links = ("title",)
    list_filter = ("approval", "category", "article_type", "featured", "is_shown", LacksEnglishFilter,
                   PublishMonthFilter)
    search_fields = ("title_vi", "title_en", "summary_vi", "summary_en", "author_name", "pen_name")
    list_select_related = ("category", "article_type")
    view_on_site = False  # the change form has its own link: "Preview" until the article is public
    list_per_page = 50
    show_full_result_count = False
    inlines = (AttachmentInline, TransitionInline)
    actions = ("submit_selected", "approve_selected", "reject_selected", "feature_selected",
               "unfeature_selected", "hide_selected", "show_selected")
    change_form_template = "admin/articles/article/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    history_latest_first = True

    class Media:  # portal/css/admin.css is on every admin page (templates/admin/base_site.html)
        js = ("portal/js/editor-i18n.js",)  # the body editor's toolbar in the editor's language

    # -- the list ---------------------------------------------------------------------------
    def get_queryset(self, request):
        return super().get_queryset(request).defer(
            "content_vi", "content_en", "search_body_vi", "search_body_en")

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        if queryset.model is not Article:  # the History page's log entries: Django's own paging
            return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        # COUNT(*) over the whole archive costs more than the page itself: cache it under the
        # page-cache version, which every article change (and every bulk action) bumps.
        try:
            key = "admin-articles:" + hashlib.sha256(str(queryset.query).encode()).hexdigest()
        except Exception:  # a query that cannot be printed (e.g. an empty result) is counted
            key = ""
        if is_approver(request) or ORDER_VAR in request.GET:  # a column the user sorts by: as asked
            return CachedCountPaginator(queryset, per_page, orphans, allow_empty_first_page, count_key=key)
        return QueueFirstPaginator(queryset, per_page, orphans, allow_empty_first_page, count_key=key,
                                   first=self.queue(request))

    @staticmethod
    def queue(request) -> Q:
        """The articles that matter most to the user's role, listed first: for approvers the
        pending ones, for editors their own unfinished ones (draft, pending or rejected)."""
        if is_approver(request):
            return Q(approval=Article.Approval.PENDING)
        return Q(created_by=request.user) & ~Q(approval=Article.Approval.APPROVED)

    def get_ordering(self, request):
        # For approvers, the same expression as the model's article_approval_queue_idx, which
        # serves it; an editor's list is paged by QueueFirstPaginator instead (get_paginator).
        queue = Case(When(self.queue(request), then=Value(0)), default=Value(1), output_field=IntegerField())
        return (queue.asc(), "-publish_at", "-id")

    @admin.display(description=_("approval status"), ordering="approval")
    def approval_badge(self, obj):
        # Featured and hidden are said here rather than in columns of their own: the list
        # must fit a 1280-px screen beside its filters (the filters still select by them).
        flags = [_("featured")] if obj.featured else []
        if not obj.is_shown:
            flags.append(_("hidden"))
        # Coloured by portal/css/admin.css (status-draft, status-pending, …).
        return format_html('<strong class="status status-{}">{}</strong>{}', obj.approval, obj.get_approval_display(),
                           format_html_join("", '<br><span class="article-flag">{}</span>', ((f,) for f in flags)))

    @admin.display(description=_("category"), ordering="category__order")
    def category_display(self, obj):
        # The article type under the category, in one column, for the same reason as the flags.
        return format_html('{}<br><span class="article-flag">{}</span>', obj.category, obj.article_type or "")

    @admin.display(description=_("byline"), ordering="pen_name")
    def byline_display(self, obj):
        return obj.byline

    # -- the form ---------------------------------------------------------------------------
    def get_fieldsets(self, request, obj=None):
        approver = is_approver(request)
        contact = ("phone", "email") if self._may_see_contact(request, obj) else ()
        publication = ["publish_at", "allow_comments"]
        if approver:
            publication += ["featured", "is_shown"]
        return (
            (_("Vietnamese"), {"fields": ("title_vi", "summary_vi", "content_vi", "image_caption_vi")}),
            (_("English"), {"fields": ("title_en", "summary_en", "content_en", "image_caption_en"),
                            "description": _("Leave empty when there is no English version: the "
                                             "article is then listed in Vietnamese only.")}),
            (_("Article"), {"fields": ("slug", "category", "article_type", "image", "content_link")}),
            (_("Publication"), {"fields": publication}),
            (_("Author"), {"fields": ("author_name", "pen_name", *contact)}),
            (_("Royalty"), {"fields": ("page_count", "photo_count", "coefficient")}),
            (_("Workflow"), {"fields": ("approval_display", "rejection_reason", "approved_by",
                                        "approved_at", "read_count", "comment_count")}),
        )

    def get_readonly_fields(self, request, obj=None):
        return ("approval_display", "rejection_reason", "approved_by", "approved_at", "read_count",
                "comment_count")

    @admin.display(description=_("approval status"))
    def approval_display(self, obj):
        return self.approval_badge(obj) if obj and obj.pk else Article.Approval.DRAFT.label

    def _may_see_contact(self, request, obj):
        if request.user.has_perm("articles.view_author_contact"):
            return True
        return obj is None or obj.created_by_id == request.user.pk

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
        return form

    # -- permissions ------------------------------------------------------------------------
    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.is_editable_by(request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or is_approver(request) or (
            obj.created_by_id == request.user.pk and obj.approval != Article.Approval.APPROVED)

    def has_approve_permission(self, request):
        return is_approver(request)

    # -- saving and the workflow buttons ----------------------------------------------------
    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if not is_approver(request) and "featured" in form.changed_data:
            # A crafted POST cannot reach it: it is not in an editor's form, but be explicit.
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _workflow(self, request, obj):
        """Run the transition asked for by the button pressed; None when none was."""
        try:
            if "_submit" in request.POST:
                services.article_submit(article=obj, by=request.user)
                self.message_user(request, _("Submitted for approval."), messages.SUCCESS)
            elif "_approve" in request.POST:
                services.article_approve(article=obj, by=request.user)
                self.message_user(request, _("Approved."), messages.SUCCESS)
            elif "_reject" in request.POST:
                services.article_reject(article=obj, by=request.user,
                                        reason=request.POST.get("_rejection_reason", ""))
                self.message_user(request, _("Rejected; the editor sees your reason."), messages.WARNING)
            elif "_unpublish" in request.POST:
                services.article_unpublish(article=obj, by=request.user)
                self.message_user(request, _("The approval was withdrawn."), messages.WARNING)
            else:
                return None
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(request.path if "_continue" in request.POST or "_reject" in request.POST
                                    else self._changelist_url())

    def _changelist_url(self):
        return reverse("admin:articles_article_changelist")

    def response_add(self, request, obj, post_url_continue=None):
        response = self._workflow(request, obj)
        return response or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        response = self._workflow(request, obj)
        return response or super().response_change(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context["is_approver"] = is_approver(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    # -- bulk actions -----------------------------------------------------------------------
    def _bulk(self, request, queryset, move, done_message, **kwargs):
        done, failed = 0, []
        for article in queryset:
            try:
                move(article=article, by=request.user, **kwargs)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"{article}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for line in failed:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=_("Submit for approval"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, services.article_submit, _("%(count)d article(s) submitted."))

    @admin.action(description=_("Approve"), permissions=("approve",))
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, services.article_approve, _("%(count)d article(s) approved."))

    @admin.action(description=_("Reject with a reason"), permissions=("approve",))
    def reject_selected(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if "confirm" in request.POST and reason:
            self._bulk(request, queryset, services.article_reject, _("%(count)d article(s) rejected."),
                       reason=reason)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject articles"),
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "reason_missing": "confirm" in request.POST,
        }
        return TemplateResponse(request, "admin/articles/article/reject_selected.html", context)

    def _flag(self, request, queryset, message, **fields):
        count = queryset.update(**fields)
        pagecache.bump()  # update() sends no signal
        pagecache.reschedule()  # an article shown again may be scheduled for later
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Feature"), permissions=("approve",))
    def feature_selected(self, request, queryset):
        self._flag(request, queryset, _("%(count)d article(s) featured."), featured=True)

    @admin.action(description=_("Stop featuring"), permissions=("approve",))
    def unfeature_selected(self, request, queryset):
        self._flag(request, queryset, _("%(count)d article(s) no longer featured."), featured=False)

    @admin.action(description=_("Hide from readers"), permissions=("approve",))
    def hide_selected(self, request, queryset):
        self._flag(request, queryset, _("%(count)d article(s) hidden."), is_shown=False)

    @admin.action(description=_("Show to readers"), permissions=("approve",))
    def show_selected(self, request, queryset):
        self._flag(request, queryset, _("%(count)d article(s) shown."), is_shown=True)


def pending_count() -> int:
    return Article.objects.filter(approval=Article.Approval.PENDING).count()

