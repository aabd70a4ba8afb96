"""A year of plausible statistics for the demo portal, so the statistics page shows something real.

Weekdays are busier than weekends, readership grows slowly over the year, and a few
days spike (a storm warning, a festival, a new regulation). Each published article's
existing read count is spread over the days since it was published, so the per-article
roll-ups agree with the articles' counters.
"""

import math
import random
from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article

from .models import ArticleDailyReads, DailyLanguageViews, DailyStat
from .rankings import most_read_refresh

DAYS = 365
SPIKES = {17: 3.2, 64: 2.1, 131: 2.6, 200: 1.8, 262: 4.0, 318: 2.3}  # days ago -> multiplier


def _daily_visits(rng, days_ago: int, weekday: int) -> int:
    growth = 1 + 0.35 * (DAYS - days_ago) / DAYS
    rhythm = 1.0 if weekday < 5 else 0.55
    if weekday == 0:
        rhythm = 1.12  # Monday: the week's directives and announcements
    spike = SPIKES.get(days_ago, 1.0)
    return max(40, int(620 * growth * rhythm * spike * rng.uniform(0.88, 1.12)))


def _article_reads(article, today, rng) -> dict:
    """Spread the article's read count over its days, most of it soon after publication."""
    first = max(timezone.localdate(article.publish_at), today - timedelta(days=DAYS))
    days = [first + timedelta(n) for n in range((today - first).days)]
    if not days or not article.read_count:
        return {}
    weights = [math.exp(-n / 9) + 0.02 * rng.random() for n in range(len(days))]
    scale = article.read_count / sum(weights)
    reads = defaultdict(int)
    for day, weight in zip(days, weights):
        reads[day] = int(weight * scale)
    reads[days[0]] += article.read_count - sum(reads.values())  # exact total
    return {day: n for day, n in reads.items() if n}


def load_statistics(stdout) -> None:
    today = timezone.localdate()
    start = today - timedelta(days=DAYS)
    if DailyStat.objects.filter(day__gte=start, day__lt=today).exists():
        stdout.write("Demo statistics: already there.")
        return
    rng = random.Random(2026)
    per_day_reads = defaultdict(int)
    article_rows = []
    for article in Article.objects.published().only("pk", "publish_at", "read_count"):
        for day, n in _article_reads(article, today, rng).items():
            article_rows.append(ArticleDailyReads(article=article, day=day, reads=n))
            per_day_reads[day] += n
    days, languages = [], []
    for days_ago in range(DAYS, 0, -1):
        day = today - timedelta(days=days_ago)
        visits = _daily_visits(rng, days_ago, day.weekday())
        # Readers open list pages too, so page views exceed article reads comfortably.
        page_views = max(int(visits * rng.uniform(2.3, 2.9)), int(per_day_reads[day] * 1.6))
        days.append(DailyStat(day=day, page_views=page_views, visits=visits,
                              unique_readers=int(visits * rng.uniform(0.72, 0.8))))
        english = int(page_views * rng.uniform(0.1, 0.16))
        languages += [DailyLanguageViews(day=day, language="vi", page_views=page_views - english),
                      DailyLanguageViews(day=day, language="en", page_views=english)]
    with transaction.atomic():
        DailyStat.objects.bulk_create(days, ignore_conflicts=True)
        DailyLanguageViews.objects.bulk_create(languages, ignore_conflicts=True)
        ArticleDailyReads.objects.bulk_create(article_rows, batch_size=2000, ignore_conflicts=True)
    most_read_refresh(today=today)  # as flush_stats does every minute in production
    stdout.write(f"Demo statistics: {len(days)} days, {sum(d.visits for d in days):,} visits, "
                 f"{len(article_rows)} article-days of reads.")


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    load_statistics(stdout)
