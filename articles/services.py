"""The approval workflow: every transition checks who may make it and leaves a record."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import pagecache

from .models import Article, Transition
from .signals import article_approved

Approval = Article.Approval

# Which moves each role may make, from which states.
EDITOR_MOVES = {Approval.PENDING: {Approval.DRAFT, Approval.REJECTED}}
APPROVER_MOVES = {
    Approval.PENDING: {Approval.DRAFT, Approval.REJECTED},
    Approval.APPROVED: {Approval.DRAFT, Approval.PENDING, Approval.REJECTED},
    Approval.REJECTED: {Approval.PENDING, Approval.APPROVED},
    Approval.DRAFT: {Approval.REJECTED, Approval.APPROVED, Approval.PENDING},
}


def _move(*, article: Article, by, to: str, reason: str = "") -> Article:
    with transaction.atomic():
        # Lock the row: two approvers clicking at once make one transition, not two.
        locked = Article.objects.select_for_update().get(pk=article.pk)
        approver = by.has_perm("articles.approve_article")
        moves = APPROVER_MOVES if approver else EDITOR_MOVES
        if not approver and not (by.has_perm("articles.change_article") and locked.created_by_id == by.pk):
            raise PermissionDenied(_("You may only submit your own articles."))
        if locked.approval not in moves.get(to, set()):
            raise ValidationError(
                _("An article that is %(current)s cannot become %(target)s.")
                % {"current": locked.get_approval_display().lower(), "target": Approval(to).label.lower()}
            )
        fields = {"approval": to, "updated_at": timezone.now()}
        if to == Approval.APPROVED:
            fields.update(approved_by=by, approved_at=timezone.now(), rejection_reason="")
        elif to == Approval.REJECTED:
            fields.update(rejection_reason=reason)
        Transition.objects.create(article=locked, by=by, from_status=locked.approval, to_status=to,
                                  reason=reason)
        for name, value in fields.items():
            setattr(locked, name, value)
        # update() on the listed fields: the editor's text saved a moment ago is not overwritten.
        Article.objects.filter(pk=locked.pk).update(**fields)
        if to == Approval.APPROVED:
            article_approved.send(sender=Article, article=locked, by=by)
    pagecache.bump()
    if to == Approval.APPROVED:
        pagecache.reschedule()  # update() sends no signal: a scheduled article must still go public on time
    for name, value in fields.items():
        setattr(article, name, value)
    article.fee = locked.fee  # a receiver of article_approved may have fixed it
    return article


def article_submit(*, article: Article, by) -> Article:
    """Send a draft or rejected article to the approvers."""
    return _move(article=article, by=by, to=Approval.PENDING)


def article_approve(*, article: Article, by) -> Article:
    """Approve: the article goes public at its publish time; receivers of article_approved
    (royalties) fix its fee in the same transaction."""
    if not by.has_perm("articles.approve_article"):
        raise PermissionDenied(_("Only approvers may approve articles."))
    return _move(article=article, by=by, to=Approval.APPROVED)


def article_reject(*, article: Article, by, reason: str) -> Article:
    """Send the article back to its editor with the reason shown to them."""
    if not by.has_perm("articles.approve_article"):
        raise PermissionDenied(_("Only approvers may reject articles."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the editor a reason for the rejection."))
    return _move(article=article, by=by, to=Approval.REJECTED, reason=reason)


def article_unpublish(*, article: Article, by) -> Article:
    """Withdraw an approval: back to draft (hiding is the lighter way to take it down)."""
    if not by.has_perm("articles.approve_article"):
        raise PermissionDenied(_("Only approvers may withdraw an approval."))
    return _move(article=article, by=by, to=Approval.DRAFT)
