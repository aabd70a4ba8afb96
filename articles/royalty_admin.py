"""Royalty behaviour of the article admin: fees typed by hand are marked, cleared ones recomputed."""

from django.utils.translation import gettext_lazy as _

from .models import Article
from .royalties import fee_for


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


class RoyaltyAdminMixin:
    """Royalty behaviour of the article admin (fee overrides, the report's button)."""

    # Reversion's list template would hide ours; ours extends it, keeping "Recover deleted".
    change_list_template = "admin/articles/article/change_list.html"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "fee" in form.base_fields:
            form.base_fields["fee"].help_text = _(
                "Computed at approval: coefficient × the unit value on the publish date. Type an amount "
                "to set it by hand; empty it, or untick “fee set by hand”, to compute it again.")
        return form

    def save_model(self, request, obj, form, change):
        if request.user.has_perm("articles.approve_article"):
            apply_fee_change(obj, set(form.changed_data))
        super().save_model(request, obj, form, change)
