"""Restoring an earlier version of an article, or recovering a deleted one: content comes back,
nothing else.

django-reversion's revert writes the stored row as it was, and the fields revisions leave out
(the workflow, the counters, the fee) at their defaults: restored that way, a published article
went back to draft with no reads, comments, approver or fee. `RestoreMixin` (ArticleAdmin's) locks
the row before the revert and writes back, in the same transaction, what a restore never touches;
the restore is then a step of the workflow history.
"""

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from .models import Article, Transition
from .new_versions import article_new_version, content_fields, may_start_new_version

# What a restore keeps as it is now: the workflow, its approver, the counters, the fee, the address
# and the publication settings (a restore changes what the article says, not where, whether or
# when it shows).
KEPT = ("slug", "new_version_of_id", "approval", "approval_level", "approved_by_id", "approved_at", "rejection_reason", "read_count",
        "comment_count", "fee", "fee_overridden", "royalty_paid_at", "created_by_id", "publish_at",
        "featured", "is_shown")
COUNTERS = ("read_count", "comment_count")


class Restore:
    """One restore in progress: what to keep, and the version it brings back."""

    def __init__(self, version: Version, kept: dict | None, *, recovered: bool = False):
        self.version, self.kept, self.recovered = version, kept, recovered

    def before_save(self, article: Article) -> None:
        for name, value in (self.kept or {}).items():
            setattr(article, name, value)

    def after_save(self, article: Article, *, by) -> None:
        if self.kept:  # Article.save() never writes counters: put back what the revert zeroed
            Article.objects.filter(pk=article.pk).update(**{name: self.kept[name] for name in COUNTERS})
        when = formats.date_format(timezone.localtime(self.version.revision.date_created), "SHORT_DATETIME_FORMAT")
        note = (_("Recovered after deletion, from the version of %(when)s") if self.recovered else
                _("Restored the version of %(when)s")) % {"when": when}
        Transition.objects.create(article=article, by=by, from_status=article.approval, to_status=article.approval,
                                  from_level=article.approval_level, to_level=article.approval_level,
                                  action=Transition.Action.RESTORE, reason=note)


def published_comparison(article) -> dict | None:
    """The version readers saw at the article's last approval and its latest version, when they
    differ: what the approval queue shows as "what changed since the published version"."""
    if not article.approved_at:
        return None
    versions = Version.objects.get_for_object(article).select_related("revision")
    latest = versions.first()
    published = versions.filter(revision__date_created__lte=article.approved_at).first()
    if not (latest and published) or latest.pk == published.pk:
        return None
    return {"version_id1": published.pk, "version_id2": latest.pk}


def restore_as_new_version(*, article: Article, version: Version, by) -> Article:
    """A new version of a published article holding an earlier version's content."""
    copy = article_new_version(article=article, by=by)
    stored = version.field_dict
    for name in content_fields():
        if name in stored:
            setattr(copy, name, stored[name])
    copy.save()
    Restore(version, None).after_save(copy, by=by)
    return copy


class RestoreMixin:
    """For ArticleAdmin (a reversion-compare VersionAdmin): restores that keep the workflow and the
    counts, by those who may change the article as it is now; recovery by approvers only; the
    comparison of two versions for those who may see the article."""

    def compare_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        version = get_object_or_404(Version.objects.select_related("revision"), pk=version_id,
                                    object_id=str(article.pk), content_type=ContentType.objects.get_for_model(Article))
        if not self.has_change_permission(request, article) and may_start_new_version(request.user, article):
            return self._restore_as_new_version(request, article, version)
        # Judged on the article as it is, not on the reverted copy (which would read as a draft).
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method != "POST":
            return super().revision_view(request, object_id, version_id, extra_context)
        with transaction.atomic():
            kept = Article.objects.select_for_update().values(*KEPT).get(pk=article.pk)
            request.restoring = Restore(version, kept)
            return super().revision_view(request, object_id, version_id, extra_context)

    def published_changes_view(self, request, object_id):
        """A new version beside the published article it will replace: what its approval changes."""
        copy = self.get_object(request, unquote(object_id))
        if copy is None or not copy.new_version_of_id:
            raise Http404
        if not self.has_view_or_change_permission(request, copy):
            raise PermissionDenied
        published = Version.objects.get_for_object(copy.new_version_of).select_related("revision").first()
        latest = Version.objects.get_for_object(copy).select_related("revision").first()
        if not (published and latest):
            raise Http404
        compare_data, _unfollowed = self.compare(copy, published, latest)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "obj": copy, "original": copy,
            "title": _("What the new version changes"), "compare_data": compare_data,
            "version1": published, "version2": latest, "has_change_permission": False,
            "changelist_url": reverse("admin:articles_article_changelist"),
            "history_url": reverse("admin:articles_article_history", args=[copy.pk]),
        }
        return TemplateResponse(request, "reversion-compare/compare.html", context)

    def _restore_as_new_version(self, request, article, version):
        """The editor of a published article restores an old text as a new version: readers keep
        the published text until it passes the levels."""
        if request.method == "POST":
            copy = restore_as_new_version(article=article, version=version, by=request.user)
            self.message_user(request, _("The old text is now a new version of the article: submit it for "
                                         "approval; readers keep the published text meanwhile."))
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[copy.pk]))
        context = {**self.admin_site.each_context(request), "opts": self.opts, "original": article,
                   "version": version, "title": _("Restore as a new version")}
        return TemplateResponse(request, "admin/articles/article/restore_as_new_version.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        if not request.user.has_perm("articles.approve_article"):
            raise PermissionDenied
        if request.method == "POST":
            request.restoring = Restore(get_object_or_404(Version.objects.select_related("revision"), pk=version_id),
                                        None, recovered=True)
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not request.user.has_perm("articles.approve_article"):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        restoring = getattr(request, "restoring", None)
        if restoring:
            restoring.before_save(obj)
        super().save_model(request, obj, form, change)
        if restoring:
            restoring.after_save(obj, by=request.user)
