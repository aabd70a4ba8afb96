import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from portal import pagecache

NAME_MAX_LENGTH = 100
BODY_MAX_LENGTH = 3000


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Approved comments, oldest first: what readers see under an article."""
        return self.filter(status=Comment.Status.APPROVED).order_by("created_at", "pk")

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def has_duplicate(self, *, article, body: str) -> bool:
        """Whether the article got the same text within the duplicate window, whatever its case,
        spacing or Unicode composition ("Rất  TỐT" is "rất tốt")."""
        window = getattr(settings, "COMMENTS_DUPLICATE_WINDOW", 3600)
        since = timezone.now() - timezone.timedelta(seconds=window)
        folded = fold_text(body)
        recent = self.filter(article=article, created_at__gte=since).values_list("body", flat=True)
        return any(fold_text(other) == folded for other in recent.iterator())


def fold_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="comments")
    name = models.CharField(_("full name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"))
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # A keyed hash of the sender's IP address: enough to tell visitors apart, never the address.
    visitor = models.CharField(_("visitor"), max_length=64, blank=True, editable=False)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)
    reply = models.TextField(_("reply"), max_length=BODY_MAX_LENGTH, blank=True,
                             help_text=_("The office's answer, shown under the comment once it is approved."))
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    replied_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    # A moderator may edit the name or the text, to take out what must not be published (a
    # phone number, an address, an insult) without rejecting the whole comment; readers are
    # told it was edited.
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("edited by"), null=True,
                                  blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    # What the article page shows of an approved comment.
    ON_THE_PAGE = ("name", "body", "created_at", "edited_at", "reply", "replied_at")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            # The article page's list, and the article admin's pending count.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_idx"),
            # The moderation queue.
            models.Index(fields=["status", "-created_at"], name="comment_status_idx"),
            # The duplicate check.
            models.Index(fields=["article", "created_at"], name="comment_article_created_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.excerpt}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def excerpt(self) -> str:
        return Truncator(" ".join(self.body.split())).chars(80)

    @staticmethod
    def duplicate_error() -> ValidationError:
        return ValidationError(_("This comment has already been sent for this article."), code="duplicate")

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.APPROVED

    # -- moderation ------------------------------------------------------------------------
    def approve(self, *, by) -> None:
        self._moderate(self.Status.APPROVED, by=by)

    def reject(self, *, by) -> None:
        self._moderate(self.Status.REJECTED, by=by)

    def mark_spam(self, *, by) -> None:
        self._moderate(self.Status.SPAM, by=by)

    def moderate(self, status: str, *, by) -> None:
        """Move the comment to any status: the admin's change form calls this."""
        self._moderate(self.Status(status), by=by)

    def _moderate(self, status, *, by) -> None:
        was_visible = self.is_visible
        self.status, self.moderated_by, self.moderated_at = status, by, timezone.now()
        with transaction.atomic():
            self.save(update_fields=["status", "moderated_by", "moderated_at"])
            if was_visible != self.is_visible:
                Comment.update_comment_counts([self.article_id])
        if was_visible or self.is_visible:
            pagecache.bump()

    def set_reply(self, text: str, *, by) -> None:
        """Answer the comment on the office's behalf (an empty text withdraws the answer)."""
        self.reply = text.strip()
        self.replied_by, self.replied_at = (by, timezone.now()) if self.reply else (None, None)
        self.save(update_fields=["reply", "replied_by", "replied_at"])
        if self.is_visible:
            pagecache.bump()

    def edit(self, *, name: str, body: str, by) -> None:
        """Replace what the reader wrote (the admin's form has validated both), marked as edited."""
        self.name, self.body = name.strip(), body.strip()
        self.edited_by, self.edited_at = by, timezone.now()
        self.save(update_fields=["name", "body", "edited_by", "edited_at"])
        if self.is_visible:
            pagecache.bump()

    @staticmethod
    def update_comment_counts(article_ids) -> None:
        """Recount the approved comments of these articles in one UPDATE (no read-modify-write)."""
        approved = (Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.APPROVED)
                    .order_by().values("article").annotate(n=Count("pk")).values("n"))
        Article.objects.filter(pk__in=list(article_ids)).update(
            comment_count=Coalesce(Subquery(approved), Value(0)))
