"""The approval workflow: every step checks who may take it and leaves a record.

An article passes the levels of its category (`workflow.ApprovalLevel.chain`): submitted, it waits
at the first; each level's group forwards it to the next (the last approves it), returns it for
revision with a note, or rejects it with a reason. With no level set there is one: the approvers,
who may also approve or reject a draft directly, as before levels existed. The server decides
every step: a crafted POST cannot skip a level, act for another group, or pass one's own article
where the level forbids it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import pagecache

from . import notifications
from .models import Article, Transition
from .new_versions import publish_new_version
from .signals import article_approved
from .workflow import current_level, levels_of

Approval = Article.Approval
Action = Transition.Action

# The one default level's moves (no ApprovalLevel rows): what approvers could do before levels.
SINGLE_LEVEL_MOVES = {
    Approval.PENDING: {Approval.DRAFT, Approval.REJECTED, Approval.RETURNED},
    Approval.APPROVED: {Approval.DRAFT, Approval.PENDING, Approval.REJECTED, Approval.RETURNED},
    Approval.REJECTED: {Approval.PENDING, Approval.APPROVED},
    Approval.RETURNED: {Approval.PENDING},
    Approval.DRAFT: {Approval.REJECTED, Approval.APPROVED, Approval.PENDING, Approval.RETURNED},
}
SUBMITTABLE = {Approval.DRAFT, Approval.RETURNED, Approval.REJECTED}


def may_act(user, article) -> bool:
    level = current_level(article)
    return bool(level and level.admits(user, article))


def _step(*, article: Article, by, action: str, check, to: str, level: int = 0, note: str = "") -> Article:
    with transaction.atomic():
        # Lock the row: two checkers clicking at once make one step, not two.
        locked = Article.objects.select_for_update().get(pk=article.pk)
        check(locked)
        if to == Approval.APPROVED and locked.new_version_of_id:  # readers get the new text now
            published = publish_new_version(locked, by=by, note=note)
            transaction.on_commit(lambda: notifications.step_taken(article=published, by=by, action=action))
            pagecache.bump()
            return published
        fields = {"approval": to, "approval_level": level, "updated_at": timezone.now()}
        if to == Approval.APPROVED:
            fields.update(approved_by=by, approved_at=timezone.now(), rejection_reason="")
        elif to in (Approval.REJECTED, Approval.RETURNED):
            fields.update(rejection_reason=note)
        Transition.objects.create(article=locked, by=by, action=action, from_status=locked.approval,
                                  from_level=locked.approval_level, to_status=to, to_level=level, reason=note)
        for name, value in fields.items():
            setattr(locked, name, value)
        # update() on the listed fields: the editor's text saved a moment ago is not overwritten.
        Article.objects.filter(pk=locked.pk).update(**fields)
        if to == Approval.APPROVED:
            article_approved.send(sender=Article, article=locked, by=by)
        transaction.on_commit(lambda: notifications.step_taken(article=locked, by=by, action=action))
    pagecache.bump()
    if to == Approval.APPROVED:
        pagecache.reschedule()  # update() sends no signal: a scheduled article must still go public on time
    for name, value in fields.items():
        setattr(article, name, value)
    article.fee = locked.fee  # a receiver of article_approved may have fixed it
    return article


def _refuse_unless(condition, message):
    if not condition:
        raise ValidationError(message)


def _single_level_move(locked, to, by):
    levels = levels_of(locked)
    if len(levels) != 1 or not levels[0].admits(by, locked):
        return False
    _refuse_unless(locked.approval in SINGLE_LEVEL_MOVES.get(to, set()),
                   _("An article that is %(current)s cannot become %(target)s.")
                   % {"current": locked.get_approval_display().lower(), "target": Approval(to).label.lower()})
    return True


def _at_own_level(locked, by):
    level = current_level(locked)
    if level is None:
        if not any(each.admits(by, locked) for each in levels_of(locked)):
            raise PermissionDenied(_("Only the approval levels' groups may do this."))
        raise ValidationError(_("The article is not waiting for approval."))
    if not level.admits(by, locked):
        raise PermissionDenied(_("This level (%(level)s) is not yours to act on.") % {"level": level.name})
    return level


def article_submit(*, article: Article, by) -> Article:
    """Send a draft, returned or rejected article to the first level."""
    def check(locked):
        if not (locked.created_by_id == by.pk and by.has_perm("articles.change_article")
                or by.has_perm("articles.approve_article")):
            raise PermissionDenied(_("You may only submit your own articles."))
        if not _single_level_move(locked, Approval.PENDING, by):
            _refuse_unless(locked.approval in SUBMITTABLE, _("The article is already submitted or approved."))
    return _step(article=article, by=by, action=Action.SUBMIT, check=check, to=Approval.PENDING, level=1)


def article_forward(*, article: Article, by, note: str = "") -> Article:
    """Pass a pending article on from the level it waits at: to the next, or, from the last, to
    publication (receivers of article_approved, the royalties, fix its fee in the same transaction)."""
    levels = levels_of(article)
    position = min(max(article.approval_level, 1), len(levels))

    def check(locked):
        level = _at_own_level(locked, by)
        if level.position != position:  # another checker moved it meanwhile
            raise ValidationError(_("The article has moved on meanwhile: reload the page."))
    if position < len(levels):
        return _step(article=article, by=by, action=Action.FORWARD, check=check, to=Approval.PENDING,
                     level=position + 1, note=(note or "").strip())
    return _step(article=article, by=by, action=Action.APPROVE, check=check, to=Approval.APPROVED,
                 note=(note or "").strip())


def article_approve(*, article: Article, by) -> Article:
    """Approve: at the last level; with the one default level, also a draft, as before."""
    def check(locked):
        if not _single_level_move(locked, Approval.APPROVED, by):
            level = _at_own_level(locked, by)
            if level.position != len(levels_of(locked)):
                raise PermissionDenied(_("Only the last level approves; forward the article instead."))
    return _step(article=article, by=by, action=Action.APPROVE, check=check, to=Approval.APPROVED)


def _with_note(note, message) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError(message)
    return note


def article_return(*, article: Article, by, note: str) -> Article:
    """Send the article back to its editor for revision, with what to change."""
    note = _with_note(note, _("Say what the editor should change."))

    def check(locked):
        if not _single_level_move(locked, Approval.RETURNED, by):
            _at_own_level(locked, by)
    return _step(article=article, by=by, action=Action.RETURN, check=check, to=Approval.RETURNED, note=note)


def article_reject(*, article: Article, by, reason: str) -> Article:
    """Refuse the article, with the reason shown to its editor."""
    reason = _with_note(reason, _("Give the editor a reason for the rejection."))

    def check(locked):
        if not _single_level_move(locked, Approval.REJECTED, by):
            if locked.approval != Approval.PENDING and not by.has_perm("articles.approve_article"):
                raise PermissionDenied(_("Only approvers may reject articles."))
            _at_own_level(locked, by)
    return _step(article=article, by=by, action=Action.REJECT, check=check, to=Approval.REJECTED, note=reason)


def article_unpublish(*, article: Article, by) -> Article:
    """Withdraw an approval: back to draft (hiding is the lighter way to take it down)."""
    def check(locked):
        if not by.has_perm("articles.approve_article"):
            raise PermissionDenied(_("Only approvers may withdraw an approval."))
        _refuse_unless(locked.approval == Approval.APPROVED, _("The article is not approved."))
    return _step(article=article, by=by, action=Action.WITHDRAW, check=check, to=Approval.DRAFT)
