"""Coefficient unit values, and the royalty side of the article admin: fees, the report."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin, is_approver
from articles.models import Article
from portal.admin import StrictAdminMixin

from .models import CoefficientUnit
from .services import fee_for, format_vnd
from .views import RoyaltyReportView

FEE_FIELDS = ("fee", "fee_overridden", "royalty_paid_at")


@admin.register(CoefficientUnit)
class CoefficientUnitAdmin(StrictAdminMixin, admin.ModelAdmin):
    list_display = ("valid_from", "value_vnd", "base_salary_vnd", "note")
    date_hierarchy = "valid_from"

    @admin.display(description=_("value of one unit"), ordering="value")
    def value_vnd(self, obj):
        return format_vnd(obj.value)

    @admin.display(description=_("base salary"), ordering="base_salary")
    def base_salary_vnd(self, obj):
        return format_vnd(obj.base_salary)


def apply_fee_change(article: Article, changed: set[str]) -> None:
    """Bring an approver's edit of the royalty fields to a consistent fee; no query but fee_for."""
    approved = article.approval == Article.Approval.APPROVED
    cleared = ("fee_overridden" in changed and not article.fee_overridden) or (
        "fee" in changed and article.fee is None)
    if cleared:
        # Back to the computed fee; an article not yet approved gets it at approval.
        article.fee_overridden = False
        article.fee = fee_for(article) if approved else None
    elif "fee" in changed:
        article.fee_overridden = True
    elif approved and not article.fee_overridden and changed & {"coefficient", "publish_at"}:
        # A corrected coefficient or date is the approver's decision; a new unit value is not.
        article.fee = fee_for(article)


# Registered again as a subclass, as projects extend the User admin: the article admin works
# without royalties, and articles never imports this app (dependencies point one way).
admin.site.unregister(Article)


@admin.register(Article)
class RoyaltyArticleAdmin(ArticleAdmin):
    """The article admin with the fee fields, their rules and the royalty report."""

    # Reversion's list template would hide ours; ours extends it, keeping "Recover deleted".
    change_list_template = "admin/royalties/article_change_list.html"

    def get_urls(self):
        report = self.admin_site.admin_view(RoyaltyReportView.as_view(admin_site=self.admin_site))
        return [path("royalties/", report, name="royalties_report"), *super().get_urls()]

    def get_fieldsets(self, request, obj=None):
        fee = ()
        if is_approver(request):
            fee = FEE_FIELDS
        elif obj and obj.approval == Article.Approval.APPROVED:
            fee = ("fee_display",)
        # The fee joins the article's own royalty data: pages, photos, coefficient.
        return tuple((name, {**options, "fields": (*options["fields"], *fee)})
                     if "coefficient" in options["fields"] else (name, options)
                     for name, options in super().get_fieldsets(request, obj))

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "fee_display")

    @admin.display(description=_("fee (VND)"))
    def fee_display(self, obj):
        return format_vnd(obj.fee) if obj else ""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "fee" in form.base_fields:
            form.base_fields["fee"].help_text = _(
                "Computed at approval: coefficient × the unit value on the publish date. Type an amount "
                "to set it by hand; empty it, or untick “fee set by hand”, to compute it again.")
        return form

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        if is_approver(request):
            apply_fee_change(obj, changed)
        elif changed & set(FEE_FIELDS):
            # A crafted POST cannot reach these: they are not in an editor's form, but be explicit.
            raise PermissionDenied
        super().save_model(request, obj, form, change)
