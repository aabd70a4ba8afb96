"""The managed lists a document is filed under, and its approval and validity states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ManagedList(models.Model):
    """A list the office keeps in the admin: document types, issuing bodies, fields."""

    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class DocumentType(ManagedList):
    class Meta(ManagedList.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class Issuer(ManagedList):
    class Meta(ManagedList.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class Sector(ManagedList):
    class Meta(ManagedList.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class Validity(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")


class Approval(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
