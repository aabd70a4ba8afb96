import hashlib

import reversion
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.template.response import TemplateResponse
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion_compare.admin import CompareVersionAdmin

from portal import pagecache
from portal.admin import StrictAdminMixin
from portal.pagination import CachedCountPaginator

from . import services
from .admin_lists import LacksEnglishFilter, LevelFilter, PublishMonthFilter, QueueFirstPaginator
from .admin_workflow import EditorialNoteInline, TransitionInline, note_authors, queue_of, workflow_context, workflow_response
from .models import Article, ArticleType, ApprovalLevel, Attachment, Category, EditorialNote
from .new_versions import article_new_version, may_start_new_version
from .revisions import KEPT, RestoreMixin, published_comparison

WORKFLOW_FIELDS = ("approval", "approval_level", "new_version_of", "approved_by", "approved_at", "rejection_reason",
                   "read_count", "comment_count", "fee", "fee_overridden", "royalty_paid_at", "search_title_vi",
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


@admin.register(Article)
class ArticleAdmin(RestoreMixin, StrictAdminMixin, CompareVersionAdmin, TranslationAdmin):
    list_display = ("title", "category_display", "approval_badge", "publish_at", "read_count", "byline_display")
    list_display_links = ("title",)
    list_filter = ("approval", LevelFilter, "category", "article_type", "featured", "is_shown", LacksEnglishFilter,
                   PublishMonthFilter)
    search_fields = ("title_vi", "title_en", "summary_vi", "summary_en", "author_name", "pen_name")
    list_select_related = ("category", "article_type")
    view_on_site = False  # the change form has its own link: "Preview" until the article is public
    list_per_page = 50
    show_full_result_count = False
    inlines = (AttachmentInline, EditorialNoteInline, TransitionInline)
    actions = ("submit_selected", "approve_selected", "reject_selected", "feature_selected",
               "unfeature_selected", "hide_selected", "show_selected")
    change_form_template = "admin/articles/article/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    history_latest_first = True
    # What a restore brings back (articles.revisions.KEPT stays as it is), each language apart:
    # not modeltranslation's untranslated copies, the workflow (not in versions) or the dates.
    compare_exclude = (*WORKFLOW_FIELDS, *(name.removesuffix("_id") for name in KEPT), "title", "summary",
                       "content", "image_caption", "created_at", "updated_at")

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
        first, indexed = self.queue(request)
        if indexed or ORDER_VAR in request.GET:  # a column the user sorts by: as asked
            return CachedCountPaginator(queryset, per_page, orphans, allow_empty_first_page, count_key=key)
        return QueueFirstPaginator(queryset, per_page, orphans, allow_empty_first_page, count_key=key, first=first)

    @staticmethod
    def queue(request) -> tuple[Q, bool]:
        """The articles that matter most to the user, listed first: those waiting at their level
        (for approvers with the one default level, every pending one: the ordering's own index
        serves it, the second value), and their own unfinished ones. Worked out once a request:
        the ordering and the paginator both ask."""
        if not hasattr(request, "article_queue"):
            if is_approver(request) and not ApprovalLevel.objects.exists():
                request.article_queue = (Q(approval=Article.Approval.PENDING), True)
            else:
                request.article_queue = (queue_of(request.user) | (Q(created_by=request.user)
                                                                    & ~Q(approval=Article.Approval.APPROVED)), False)
        return request.article_queue

    def get_ordering(self, request):
        # For approvers, the same expression as the model's article_approval_queue_idx, which
        # serves it; an editor's list is paged by QueueFirstPaginator instead (get_paginator).
        queue = Case(When(self.queue(request)[0], then=Value(0)), default=Value(1), output_field=IntegerField())
        return (queue.asc(), "-publish_at", "-id")

    @admin.display(description=_("approval status"), ordering="approval")
    def approval_badge(self, obj):
        # Featured and hidden are said here rather than in columns of their own: the list
        # must fit a 1280-px screen beside its filters (the filters still select by them).
        flags = [_("featured")] if obj.featured else []
        if obj.new_version_of_id:
            flags.append(_("new version of a published article"))
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

    def get_urls(self):
        return [path("<path:object_id>/new-version/", self.admin_site.admin_view(self.new_version_view),
                     name="articles_article_new_version"),
                path("<path:object_id>/published-changes/", self.admin_site.admin_view(self.published_changes_view),
                     name="articles_article_published_changes"), *super().get_urls()]

    def new_version_view(self, request, object_id):
        """POST: start (or open) the new version of a published article; readers keep the
        published text until it is approved."""
        article = self.get_object(request, unquote(object_id))
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if article is None:
            raise Http404
        try:
            copy = article_new_version(article=article, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        self.message_user(request, _("You are editing a new version: readers keep the published text until "
                                     "it is approved."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[copy.pk]))

    def _changelist_url(self):
        return reverse("admin:articles_article_changelist")

    def response_add(self, request, obj, post_url_continue=None):
        response = workflow_response(self, request, obj, self._changelist_url())
        return response or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        response = workflow_response(self, request, obj, self._changelist_url())
        return response or super().response_change(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, object_id) if object_id else None
        extra_context = {**workflow_context(request, article), **(extra_context or {})}
        if article:
            extra_context["may_start_new_version"] = may_start_new_version(request.user, article)
            extra_context["new_version"] = article.new_versions.first()
        versions = published_comparison(article) if article else None
        if article and article.new_version_of_id:
            extra_context["published_comparison_url"] = reverse("admin:articles_article_published_changes",
                                                                args=[article.pk])
        elif versions:
            extra_context["published_comparison_url"] = "{}?{}".format(
                reverse("admin:articles_article_compare", args=[article.pk]), urlencode(versions))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change):
        if formset.model is EditorialNote:
            note_authors(formset, request.user)
        else:
            super().save_formset(request, form, formset, change)

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

