"""Statistics: daily roll-ups kept forever, and the short-lived reader state behind them.

The roll-ups (``DailyStat``, ``DailyLanguageViews``, ``ArticleDailyReads``) are small:
one row per day, per day and language, per article and day read. The reader state
(``Reader``, ``ReadMarker``) is only used without Redis and is pruned every day; it holds
a keyed hash that changes daily, never an IP address.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyStat(models.Model):
    day = models.DateField(_("day"), primary_key=True)
    page_views = models.PositiveBigIntegerField(_("page views"), default=0)
    visits = models.PositiveBigIntegerField(_("visits"), default=0)
    unique_readers = models.PositiveBigIntegerField(_("unique readers"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily figures")
        verbose_name_plural = _("visits and reads")
        # Nobody edits the figures: the one permission is to look at them.
        default_permissions = ()
        permissions = [("view_statistics", _("Can view statistics"))]

    def __str__(self):
        return str(self.day)


class DailyLanguageViews(models.Model):
    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    page_views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        ordering = ["-day", "language"]
        verbose_name = _("daily page views by language")
        verbose_name_plural = _("daily page views by language")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["day", "language"], name="stats_language_day_uniq")]

    def __str__(self):
        return f"{self.day} {self.language}"


class ArticleDailyReads(models.Model):
    article = models.ForeignKey("articles.Article", verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="daily_reads")
    day = models.DateField(_("day"))
    reads = models.PositiveBigIntegerField(_("reads"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily reads of an article")
        verbose_name_plural = _("daily reads of articles")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="stats_article_day_uniq")]
        # The statistics page sums a period's reads for every article.
        indexes = [models.Index(fields=["day", "article"], name="stats_reads_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}"


class Reader(models.Model):
    """A reader seen today (database backend only). Times are Unix seconds."""

    reader = models.CharField(max_length=32, primary_key=True)
    day = models.DateField()
    last_seen = models.BigIntegerField()
    prev_seen = models.BigIntegerField(null=True)
    window_start = models.BigIntegerField()
    window_count = models.PositiveIntegerField(default=1)

    class Meta:
        default_permissions = ()
        indexes = [models.Index(fields=["last_seen"], name="stats_reader_seen_idx")]

    def __str__(self):
        return self.reader


class ReadMarker(models.Model):
    """When a reader's read of an article last counted (database backend only)."""

    reader = models.CharField(max_length=32)
    article_id = models.BigIntegerField()
    counted_at = models.BigIntegerField()
    prev_counted = models.BigIntegerField(null=True)

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["reader", "article_id"], name="stats_readmarker_uniq")]
        indexes = [models.Index(fields=["counted_at"], name="stats_readmarker_at_idx")]

    def __str__(self):
        return f"{self.reader} {self.article_id}"


class AppliedBatch(models.Model):
    """A batch of Redis counters already folded into the database: never applied twice."""

    key = models.CharField(max_length=100, primary_key=True)
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return self.key


class MostRead(models.Model):
    """An article among the most read of the last days, as flush_stats last ranked them: pages
    show this ranking as it is instead of summing the daily rows on every render."""

    article = models.OneToOneField("articles.Article", verbose_name=_("article"), primary_key=True,
                                   on_delete=models.CASCADE, related_name="most_read")
    reads = models.PositiveBigIntegerField(_("reads"))

    class Meta:
        ordering = ["-reads", "article"]
        verbose_name = _("most read article")
        verbose_name_plural = _("most read articles")
        default_permissions = ()

    def __str__(self):
        return f"{self.article_id} {self.reads}"
