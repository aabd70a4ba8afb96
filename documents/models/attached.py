"""What hangs on a document: its files, its relations to other documents, readers' opinions."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.text import slug_from
from comments.models import fold_text
from portal import pagecache

from ..validators import validate_document_file


def document_file_path(instance, filename):
    name, extension = os.path.splitext(filename)
    return f"documents/{timezone.now():%Y/%m}/{slug_from(name, 80)}{extension.lower()}"


class DocumentFile(models.Model):
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=255, blank=True,
                             help_text=_("Left empty: the file's name."))
    file = models.FileField(_("file"), upload_to=document_file_path, max_length=255,
                            validators=[validate_document_file])
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.title or self.filename

    def save(self, *args, **kwargs):
        try:
            self.size = self.file.size
        except (OSError, ValueError):
            pass
        super().save(*args, **kwargs)

    @property
    def filename(self) -> str:
        return os.path.basename(self.file.name or "")

    @property
    def extension(self) -> str:
        return os.path.splitext(self.file.name or "")[1].lstrip(".").upper()

    @property
    def is_pdf(self) -> bool:
        return self.extension == "PDF"

    def get_absolute_url(self):
        return reverse("documents:file", kwargs={"slug": self.document.slug, "pk": self.pk})


class DocumentRelation(models.Model):
    """`source` replaces, amends or guides `target`; each document's page shows it from its side."""

    class Kind(models.TextChoices):
        REPLACES = "replaces", _("replaces")
        AMENDS = "amends", _("amends")
        GUIDES = "guides", _("guides")

    # How the target's page names the relation.
    INVERSE = {Kind.REPLACES: _("is replaced by"), Kind.AMENDS: _("is amended by"), Kind.GUIDES: _("is guided by")}

    source = models.ForeignKey("documents.Document", verbose_name=_("document"), on_delete=models.CASCADE,
                               related_name="relations_out")
    kind = models.CharField(_("relation"), max_length=10, choices=Kind.choices)
    target = models.ForeignKey("documents.Document", verbose_name=_("other document"), on_delete=models.CASCADE,
                               related_name="relations_in")

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="document_relation_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="document_relation_not_self"),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError(_("A document cannot be related to itself."))

    @property
    def inverse_label(self):
        return self.INVERSE[self.Kind(self.kind)]


class OpinionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=Opinion.Status.APPROVED).order_by("created_at", "pk")

    def received(self):
        """Every opinion but spam: what the office counts in its summary."""
        return self.exclude(status=Opinion.Status.SPAM)

    def has_duplicate(self, *, document, body: str) -> bool:
        window = getattr(settings, "COMMENTS_DUPLICATE_WINDOW", 3600)
        since = timezone.now() - timezone.timedelta(seconds=window)
        folded = fold_text(body)
        recent = self.filter(document=document, created_at__gte=since).values_list("body", flat=True)
        return any(fold_text(other) == folded for other in recent.iterator())


class Opinion(models.Model):
    """A reader's opinion on a draft: moderated like a comment, the e-mail never shown."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    document = models.ForeignKey("documents.Document", verbose_name=_("draft"), on_delete=models.CASCADE,
                                 related_name="opinions")
    name = models.CharField(_("full name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    body = models.TextField(_("opinion"), max_length=3000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    visitor = models.CharField(_("visitor"), max_length=64, blank=True, editable=False)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)

    objects = OpinionQuerySet.as_manager()
    ON_THE_PAGE = ("name", "body", "created_at")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        indexes = [models.Index(fields=["document", "status", "created_at"], name="opinion_document_idx")]

    def __str__(self):
        return f"{self.name}: {' '.join(self.body.split())[:80]}"

    def moderate(self, status: str, *, by, was: str | None = None) -> None:
        """Move the opinion to `status` (`was`: its status before a form changed it)."""
        was_visible = (was or self.status) == self.Status.APPROVED
        self.status, self.moderated_by, self.moderated_at = self.Status(status), by, timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])
        if was_visible or self.status == self.Status.APPROVED:
            pagecache.bump()
