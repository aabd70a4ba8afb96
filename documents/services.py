"""The documents' approval workflow: the moves of articles' (articles/services.py), for documents."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import pagecache

from .models import Approval, Document

EDITOR_MOVES = {Approval.PENDING: {Approval.DRAFT, Approval.REJECTED}}
APPROVER_MOVES = {
    Approval.PENDING: {Approval.DRAFT, Approval.REJECTED},
    Approval.APPROVED: {Approval.DRAFT, Approval.PENDING, Approval.REJECTED},
    Approval.REJECTED: {Approval.PENDING, Approval.APPROVED},
    Approval.DRAFT: {Approval.REJECTED, Approval.APPROVED, Approval.PENDING},
}


def is_approver(user) -> bool:
    return user.has_perm("documents.approve_document")


def _move(*, document: Document, by, to: str, reason: str = "") -> Document:
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        approver = is_approver(by)
        moves = APPROVER_MOVES if approver else EDITOR_MOVES
        if not approver and not (by.has_perm("documents.change_document") and locked.created_by_id == by.pk):
            raise PermissionDenied(_("You may only submit your own documents."))
        if locked.approval not in moves.get(to, set()):
            raise ValidationError(
                _("A document that is %(current)s cannot become %(target)s.")
                % {"current": locked.get_approval_display().lower(), "target": Approval(to).label.lower()})
        fields = {"approval": to, "updated_at": timezone.now()}
        if to == Approval.APPROVED:
            fields.update(approved_by=by, approved_at=timezone.now(), rejection_reason="")
        elif to == Approval.REJECTED:
            fields.update(rejection_reason=reason)
        Document.objects.filter(pk=locked.pk).update(**fields)
    pagecache.bump()
    pagecache.reschedule()  # update() sends no signal: a document due later must still go public
    for name, value in fields.items():
        setattr(document, name, value)
    return document


def document_submit(*, document: Document, by) -> Document:
    return _move(document=document, by=by, to=Approval.PENDING)


def document_approve(*, document: Document, by) -> Document:
    if not is_approver(by):
        raise PermissionDenied(_("Only approvers may approve documents."))
    return _move(document=document, by=by, to=Approval.APPROVED)


def document_reject(*, document: Document, by, reason: str) -> Document:
    if not is_approver(by):
        raise PermissionDenied(_("Only approvers may reject documents."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the editor a reason for the rejection."))
    return _move(document=document, by=by, to=Approval.REJECTED, reason=reason)


def document_unpublish(*, document: Document, by) -> Document:
    if not is_approver(by):
        raise PermissionDenied(_("Only approvers may withdraw an approval."))
    return _move(document=document, by=by, to=Approval.DRAFT)
