"""The articles read most over the last days, ranked when the counts are folded in."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Sum

from articles.models import Article

from .models import ArticleDailyReads, MostRead

MOST_READ_DAYS = 7
# More than a page shows: hidden and (in English) untranslated articles are left out when shown.
MOST_READ_KEPT = 50


def most_read_refresh(*, today: date) -> None:
    """Rank again the articles read most in the MOST_READ_DAYS up to `today` (one aggregate
    over the days' rows, replacing the kept ranking in one transaction)."""
    since = today - timedelta(days=MOST_READ_DAYS - 1)
    rows = (ArticleDailyReads.objects.filter(day__range=(since, today)).values("article")
            .annotate(total=Sum("reads")).order_by("-total", "article")[:MOST_READ_KEPT])
    ranking = [MostRead(article_id=row["article"], reads=row["total"]) for row in rows if row["total"]]
    with transaction.atomic():
        MostRead.objects.all().delete()
        # Two flushes at once (a rerun during the minutely one) must not fail on each other's rows.
        MostRead.objects.bulk_create(ranking, update_conflicts=True, unique_fields=["article"],
                                     update_fields=["reads"])


def most_read_articles(limit: int) -> list:
    """Public articles in the reader's language, most read first, each with `recent_reads`."""
    return list(Article.objects.published().in_language().for_links().filter(most_read__isnull=False)
                .annotate(recent_reads=F("most_read__reads"))
                .order_by("-recent_reads", "-publish_at", "-pk")[:limit])
