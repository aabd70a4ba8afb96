"""New versions of published articles, prepared while readers keep the published text.

Editing a published article the way readers should not see yet (an editor's correction, a
checker's rewrite) starts a new version: a copy of the article, not public, that passes the
approval levels like any article. Its approval writes its content into the published article,
which keeps its address, reads, comments, fee and publication settings; the copy's history and
notes move onto it. Only an approver edits the published text directly.
"""

import json

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from .models import Article, Attachment, Transition
from .signals import new_version_published, new_version_started

Approval = Article.Approval
# What a new version does not carry: the address, the workflow, the counters, the fee and the
# publication settings stay the published article's.
NOT_CONTENT = {"id", "slug", "approval", "approval_level", "approved_by", "approved_at", "rejection_reason",
               "read_count", "comment_count", "fee", "fee_overridden", "royalty_paid_at", "created_by",
               "publish_at", "featured", "is_shown", "new_version_of", "created_at", "updated_at",
               "search_title_vi", "search_title_en", "search_body_vi", "search_body_en"}


def content_fields() -> list[str]:
    return [field.attname for field in Article._meta.concrete_fields if field.name not in NOT_CONTENT]


def may_start_new_version(user, article) -> bool:
    return (article.approval == Approval.APPROVED and not article.new_version_of_id
            and (user.has_perm("articles.approve_article")
                 or (user.has_perm("articles.change_article") and article.created_by_id == user.pk)))


def article_new_version(*, article: Article, by) -> Article:
    """The new version being prepared of this published article (started now if there is none)."""
    if article.approval != Approval.APPROVED or article.new_version_of_id:
        raise ValidationError(_("Only a published article gets a new version; edit this one directly."))
    if not may_start_new_version(by, article):
        raise PermissionDenied(_("Only its editor or an approver may start a new version of an article."))
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        existing = locked.new_versions.first()
        if existing:
            return existing
        copy = Article(**{name: getattr(locked, name) for name in content_fields()}, new_version_of=locked,
                       created_by=by, publish_at=locked.publish_at)
        copy.save()
        for attachment in locked.attachments.all():
            Attachment.objects.create(article=copy, title=attachment.title, title_vi=attachment.title_vi,
                                      title_en=attachment.title_en, file=attachment.file.name, order=attachment.order)
        new_version_started.send(sender=Article, published=locked, copy=copy)
        Transition.objects.create(article=copy, by=by, action=Transition.Action.REVISE,
                                  from_status=Approval.APPROVED, to_status=Approval.DRAFT)
        # Both start with a saved version: the checkers' "what the new version changes" compares them.
        if not Version.objects.get_for_object(locked).exists():
            with reversion.create_revision():
                reversion.add_to_revision(locked)
                reversion.set_user(by)
        with reversion.create_revision():
            reversion.add_to_revision(copy)
            reversion.set_user(by)
    return copy


def publish_new_version(copy: Article, *, by, note: str = "") -> Article:
    """Write an approved new version into its published article (inside the approval's
    transaction, the copy's row locked); the copy is gone, its history and notes moved over."""
    published = Article.objects.select_for_update().get(pk=copy.new_version_of_id)
    for name in content_fields():
        setattr(published, name, getattr(copy, name))
    published.save()  # sanitised and indexed again; counters, workflow and fee untouched
    published.attachments.all().delete()
    copy.attachments.update(article=published)
    copy.notes.update(article=published)
    copy.transitions.update(article=published)
    # The copy's saved versions are versions of this article now (History, comparison, restore),
    # each rewritten to name it: a restore then writes this article, never the copy again.
    copy_versions = Version.objects.get_for_object(copy)
    # A revision holding both (one save of both) keeps the published article's own version.
    copy_versions.filter(revision__in=Version.objects.get_for_object(published).values("revision")).delete()
    revisions = list(copy_versions.values_list("revision", flat=True))
    _rewrite(copy_versions, pk=published.pk)
    # and the attachments saved with them belong to it too
    _rewrite(Version.objects.get_for_model(Attachment).filter(revision__in=revisions), article=published.pk)
    Transition.objects.create(article=published, by=by, action=Transition.Action.APPROVE, reason=note,
                              from_status=Approval.PENDING, from_level=copy.approval_level,
                              to_status=Approval.APPROVED, at=timezone.now())
    if reversion.is_active():  # an admin save: its revision is written when the request ends
        reversion.add_to_revision(published)
        _merged[copy.pk] = published.pk
        copy_pk = copy.pk
        transaction.on_commit(lambda: _merged.pop(copy_pk, None))  # the revision is saved by then
    else:
        with reversion.create_revision():
            reversion.add_to_revision(published)
            reversion.set_user(by)
    new_version_published.send(sender=Article, published=published, copy=copy)
    copy.delete()
    return published


# New versions approved during a revision that is still open: {copy pk: published pk}, so
# that when it is saved (signal_handlers: reversion's post_revision_commit) the copy's entries
# become the published article's.
_merged: dict[int, int] = {}


def revision_saved(revision) -> None:
    """In a revision saved after a new version was approved (reversion leaves out the deleted
    copy), the attachments saved while they were the copy's name the published article."""
    article_type = ContentType.objects.get_for_model(Article)
    attachment_type = ContentType.objects.get_for_model(Attachment)
    for copy_pk, published_pk in list(_merged.items()):
        if revision.version_set.filter(content_type=article_type, object_id=str(published_pk)).exists():
            revision.version_set.filter(content_type=article_type, object_id=str(copy_pk)).delete()
            _rewrite(revision.version_set.filter(content_type=attachment_type), article=published_pk,
                     only_article=copy_pk)
            del _merged[copy_pk]


def _rewrite(versions, *, pk=None, article=None, only_article=None) -> None:
    """Stored versions made to name the published article (as their object, or as the article
    their attachment belongs to), so that restoring one never writes to the deleted copy."""
    for version in versions.filter(format="json"):
        data = json.loads(version.serialized_data)
        if only_article is not None and any(row["fields"].get("article") != only_article for row in data):
            continue
        for row in data:
            if pk is not None:
                row["pk"] = pk
            if article is not None:
                row["fields"]["article"] = article
        changes = {"serialized_data": json.dumps(data)}
        if pk is not None:
            changes["object_id"] = str(pk)
        Version.objects.filter(pk=version.pk).update(**changes)
