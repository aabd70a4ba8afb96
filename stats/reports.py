"""What the statistics page shows, in a handful of aggregate queries whatever the period.

Figures still waiting in Redis (not yet folded in by ``flush_stats``) are added to the
days and languages, so today is live; article and category rankings follow the database.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Q, Sum

from articles.models import Article, Category

from .counters import counter
from .models import ArticleDailyReads, DailyLanguageViews, DailyStat

MEASURES = ("page_views", "visits", "unique_readers")
PENDING_KINDS = {"pv": "page_views", "v": "visits", "u": "unique_readers"}
TOP = 10
# Rankings follow the database, which only flush_stats changes (the Redis path): keep them
# until the next flush, and a minute at most (the database path counts straight into it).
RANKINGS_SECONDS = 60
RANKINGS_GENERATION_KEY = "stats:rankings:generation"


def cached(key: str, compute, timeout: int):
    """The value under `key`, computed and stored on a miss (the cache down is a miss; unlike
    cache.get_or_set, which then answers None). `compute()` must not return None."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def rankings_forget() -> None:
    """Called after a flush: the next statistics page computes the rankings again."""
    try:
        cache.incr(RANKINGS_GENERATION_KEY)
    except ValueError:  # none yet (a cache that is down: rankings expire within RANKINGS_SECONDS)
        cache.add(RANKINGS_GENERATION_KEY, 2, timeout=None)


def _rankings_cached(name: str, start: date, end: date, compute):
    generation = cache.get(RANKINGS_GENERATION_KEY) or 1
    return cached(f"stats:rankings:{generation}:{name}:{start.isoformat()}:{end.isoformat()}", compute,
                  RANKINGS_SECONDS)


@dataclass
class Day:
    day: date
    page_views: int = 0
    visits: int = 0
    unique_readers: int = 0
    languages: dict = field(default_factory=dict)


def pending_counts() -> dict:
    """Counts not yet in the database; empty when Redis is unused or unreachable."""
    try:
        return counter().pending()
    except Exception:
        return {}


def daily_figures(start: date, end: date, *, pending: dict | None = None) -> list[Day]:
    """One row per day from start to end inclusive, days without a view included."""
    pending = pending_counts() if pending is None else pending
    days = {start + timedelta(n): Day(start + timedelta(n)) for n in range((end - start).days + 1)}
    for row in DailyStat.objects.filter(day__range=(start, end)).values("day", *MEASURES):
        for measure in MEASURES:
            setattr(days[row["day"]], measure, row[measure])
    for row in DailyLanguageViews.objects.filter(day__range=(start, end)).values("day", "language", "page_views"):
        days[row["day"]].languages[row["language"]] = row["page_views"]
    for (kind, day, extra), n in pending.items():
        if day in days:
            if kind in PENDING_KINDS:
                setattr(days[day], PENDING_KINDS[kind], getattr(days[day], PENDING_KINDS[kind]) + n)
            elif kind == "lang":
                days[day].languages[extra] = days[day].languages.get(extra, 0) + n
    return [days[d] for d in sorted(days)]


def summary(today: date, *, pending: dict) -> list[dict]:
    """Today, yesterday, this week, this month and all time: one query with conditional sums."""
    periods = [
        ("today", today, today),
        ("yesterday", today - timedelta(1), today - timedelta(1)),
        ("week", today - timedelta(today.weekday()), today),
        ("month", today.replace(day=1), today),
        ("all", None, None),
    ]
    aggregates = {}
    for name, start, end in periods:
        where = Q(day__range=(start, end)) if start else Q()
        for measure in MEASURES:
            aggregates[f"{name}_{measure}"] = Sum(measure, filter=where) if start else Sum(measure)
    totals = DailyStat.objects.aggregate(**aggregates)
    rows = []
    for name, start, end in periods:
        row = {"period": name, **{m: totals[f"{name}_{m}"] or 0 for m in MEASURES}}
        for (kind, day, _extra), n in pending.items():
            if kind in PENDING_KINDS and (start is None or start <= day <= end):
                row[PENDING_KINDS[kind]] += n
        rows.append(row)
    return rows


def language_shares(days: list[Day]) -> list[dict]:
    totals = {}
    for day in days:
        for language, n in day.languages.items():
            totals[language] = totals.get(language, 0) + n
    grand = sum(totals.values())
    return [{"language": language, "page_views": n, "percent": round(100 * n / grand, 1) if grand else 0}
            for language, n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]


def top_articles(start: date, end: date) -> list[dict]:
    return _rankings_cached("articles", start, end, lambda: _top_articles(start, end))


def top_categories(start: date, end: date) -> list[dict]:
    return _rankings_cached("categories", start, end, lambda: _top_categories(start, end))


def _top_articles(start: date, end: date) -> list[dict]:
    rows = list(ArticleDailyReads.objects.filter(day__range=(start, end)).values("article")
                .annotate(reads=Sum("reads")).order_by("-reads", "article")[:TOP])
    articles = Article.objects.select_related("category").only(
        "title", "title_vi", "title_en", "slug", "category__name", "category__name_vi", "category__name_en",
        "category__slug").in_bulk([row["article"] for row in rows])
    return [{"article": articles[row["article"]], "reads": row["reads"]} for row in rows if row["article"] in articles]


def _top_categories(start: date, end: date) -> list[dict]:
    rows = list(ArticleDailyReads.objects.filter(day__range=(start, end)).values("article__category")
                .annotate(reads=Sum("reads")).order_by("-reads", "article__category")[:TOP])
    categories = Category.objects.in_bulk([row["article__category"] for row in rows])
    return [{"category": categories[row["article__category"]], "reads": row["reads"]}
            for row in rows if row["article__category"] in categories]
