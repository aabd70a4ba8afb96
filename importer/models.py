"""What an import of the old SharePoint portal leaves behind: each run with its report, each
old item with the article it became, and every old address that must keep answering."""

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Stopped")

    source = models.CharField(_("source"), max_length=300)
    # The source's content hashed: a run of the same export after an interruption resumes it.
    digest = models.CharField(max_length=64, db_index=True, editable=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    total = models.PositiveIntegerField(_("items"), default=0)
    position = models.PositiveIntegerField(_("items done"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    failed = models.PositiveIntegerField(_("errors"), default=0)
    resumed_from = models.PositiveIntegerField(_("resumed from item"), default=0)
    # [{"row": 12, "item": "123", "title": "…", "level": "error"|"warning", "reason": "…"}]
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        permissions = [("import_portal", _("Can import the old portal"))]

    def __str__(self):
        return f"{self.source} ({timezone.localtime(self.started_at):%d/%m/%Y %H:%M})" if self.started_at \
            else self.source

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.get("level") == "error"]

    @property
    def warnings(self):
        return [problem for problem in self.problems if problem.get("level") != "error"]

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.position * 100 // self.total)


class LegacyItem(models.Model):
    """An item of the old list and the article it became: the key of a second run."""

    key = models.CharField(_("old item"), max_length=200, unique=True)
    article = models.OneToOneField(Article, verbose_name=_("article"), on_delete=models.CASCADE,
                                   related_name="legacy_item")
    checksum = models.CharField(max_length=64, editable=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")

    def __str__(self):
        return self.key


class OldAddress(models.Model):
    """An address of the old portal, answered with a 301 to the article it became."""

    path = models.CharField(_("old address"), max_length=500)
    key = models.CharField(max_length=500, unique=True, editable=False)
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="old_addresses")

    class Meta:
        ordering = ["path"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.path

    def save(self, *args, **kwargs):
        self.key = self.normalise(self.path)
        super().save(*args, **kwargs)

    def clean(self):
        key = self.normalise(self.path)
        if not key:
            raise ValidationError({"path": _("Write the old address, such as /Pages/tin-tuc.aspx.")})
        if OldAddress.objects.filter(key=key).exclude(pk=self.pk).exists():
            raise ValidationError({"path": _("This old address already leads to an article.")})

    @staticmethod
    def normalise(address: str) -> str:
        """The lookup form of an old address: its path and query, without scheme, host or
        fragment, decoded and lower-cased (SharePoint ignores case); a /Pages/ page or a
        DispForm under any site prefix is known by its tail."""
        # No NUL: PostgreSQL refuses it in any text ("%2500" decodes to one here).
        address = unquote((address or "").strip()).split("#", 1)[0].replace("\x00", "")
        if "://" in address:
            address = "/" + address.split("://", 1)[1].partition("/")[2]
        address = address.lower()
        path, _sep, query = address.partition("?")
        if "/pages/" in f"/{path}":
            path = "pages/" + f"/{path}".rsplit("/pages/", 1)[1]
        elif path.endswith("/dispform.aspx"):
            path = "dispform.aspx"
        path = path.strip("/")
        return f"{path}?{query}"[:500] if query else path[:500]

    @classmethod
    def candidates(cls, path: str, query: dict) -> list[str]:
        """The keys a request's address may be stored under: its path alone or with one of its
        first query parameters (an ID names the item, a Source= tail does not)."""
        base = cls.normalise(path)
        keys = [base]
        for name, value in list(query.items())[:5]:
            keys.append(cls.normalise(f"{path}?{name}={value}"))
        return keys
