"""The approval workflow's own records: its states, the levels an article passes, each step taken
and the staff's internal notes. Never shown to readers."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MAX_LEVELS = 3


class Approval(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending approval")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApprovalLevel(models.Model):
    """One level an article passes before publication, and the group that acts on it. The
    site-wide levels have no category; a category with levels of its own uses only those. With no
    level at all there is one: the approvers (the "Can approve" permission), as a small office has."""

    category = models.ForeignKey("articles.Category", verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="approval_levels",
                                 help_text=_("Empty: a site-wide level, for every category without levels "
                                             "of its own."))
    position = models.PositiveSmallIntegerField(_("level"), choices=[(n, str(n)) for n in range(1, MAX_LEVELS + 1)])
    name = models.CharField(_("name"), max_length=120,
                            help_text=_('What happens at this level, e.g. "Checked by the section secretary".'))
    group = models.ForeignKey(Group, verbose_name=_("group that acts"), on_delete=models.PROTECT, related_name="+")
    own_articles = models.BooleanField(_("may act on their own articles"), default=False,
                                       help_text=_("Untick so no one passes an article they wrote themselves."))

    class Meta:
        ordering = ["category__name", "position"]
        verbose_name = _("approval level")
        verbose_name_plural = _("approval levels")
        constraints = [
            models.UniqueConstraint(fields=["category", "position"], condition=Q(category__isnull=False),
                                    name="approval_level_per_category"),
            models.UniqueConstraint(fields=["position"], condition=Q(category__isnull=True),
                                    name="approval_level_site_wide"),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"

    def clean(self):
        siblings = ApprovalLevel.objects.filter(category=self.category_id).exclude(pk=self.pk)
        if self.position and self.position > 1 and not siblings.filter(position=self.position - 1).exists():
            raise ValidationError({"position": _("Add level %(n)d first: levels follow one another.")
                                   % {"n": self.position - 1}})

    @classmethod
    def chain(cls, category_id) -> list["ApprovalLevel"]:
        """The levels an article of this category passes, first to last (empty: the one default level)."""
        rows = list(cls.objects.filter(Q(category_id=category_id) | Q(category=None)).select_related("group"))
        own = [row for row in rows if row.category_id]
        return sorted(own or rows, key=lambda row: row.position)


@dataclass(frozen=True)
class Level:
    position: int
    name: str
    group_id: int | None  # None: the default level, the approvers
    own_articles: bool

    def admits(self, user, article) -> bool:
        """May this user act on this article at this level?"""
        if not user.is_active:
            return False
        if not self.own_articles and article.created_by_id == user.pk and not user.is_superuser:
            return False
        if self.group_id is None:
            return user.has_perm("articles.approve_article")
        return user.is_superuser or user.groups.filter(pk=self.group_id).exists()


def levels_of(article) -> list[Level]:
    """The levels an article of its category passes, first to last."""
    rows = ApprovalLevel.chain(article.category_id)
    if not rows:
        return [Level(1, gettext("Approval"), None, True)]
    return [Level(n, row.name, row.group_id, row.own_articles) for n, row in enumerate(rows, start=1)]


def current_level(article) -> Level | None:
    """The level a pending article waits at (None when it is not waiting)."""
    if article.approval != Approval.PENDING:
        return None
    levels = levels_of(article)
    return levels[min(max(article.approval_level, 1), len(levels)) - 1]



class Transition(models.Model):
    """One step of an article's approval workflow: who moved it, when, from what to what, why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("submitted")
        FORWARD = "forward", _("forwarded")
        APPROVE = "approve", _("approved")
        RETURN = "return", _("returned for revision")
        REJECT = "reject", _("rejected")
        WITHDRAW = "withdraw", _("withdrew the approval")
        RESTORE = "restore", _("restored a version")
        REVISE = "revise", _("started a new version")

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="transitions")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("step"), max_length=10, choices=Action.choices, blank=True)
    from_status = models.CharField(_("from"), max_length=10, choices=Approval.choices)
    from_level = models.PositiveSmallIntegerField(_("from level"), default=0)
    to_status = models.CharField(_("to"), max_length=10, choices=Approval.choices)
    to_level = models.PositiveSmallIntegerField(_("to level"), default=0)
    reason = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.state_display(self.from_status, self.from_level)} → {self.state_display(self.to_status, self.to_level)}"

    @staticmethod
    def state_display(status, level) -> str:
        label = str(Approval(status).label)
        return f"{label} ({_('level')} {level})" if status == Approval.PENDING and level else label


class EditorialNote(models.Model):
    """An editor's or checker's note on an article, for the staff only."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="notes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
                           related_name="+", editable=False)
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    text = models.TextField(_("note"), max_length=2000)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes (never shown to readers)")

    def __str__(self):
        return self.text[:60]
