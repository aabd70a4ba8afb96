from io import StringIO

from django.db.models import Sum
from django.utils import timezone

from articles.models import Article
from stats.demo import load_statistics
from stats.models import ArticleDailyReads, DailyLanguageViews, DailyStat
from tests.conftest import make_article


def test_demo_statistics_fill_a_year_once(db, category):
    article = make_article(category, publish_at=timezone.now() - timezone.timedelta(days=40))
    Article.objects.filter(pk=article.pk).update(read_count=1234)
    load_statistics(StringIO())
    days = DailyStat.objects.order_by("day")
    assert days.count() == 365
    assert days.last().day == timezone.localdate() - timezone.timedelta(days=1)
    weekdays = [d.visits for d in days if d.day.weekday() < 5]
    weekends = [d.visits for d in days if d.day.weekday() >= 5]
    assert sum(weekdays) / len(weekdays) > 1.4 * sum(weekends) / len(weekends)
    assert all(d.page_views >= d.visits >= d.unique_readers > 0 for d in days)
    assert ArticleDailyReads.objects.filter(article=article).aggregate(n=Sum("reads"))["n"] == 1234
    assert DailyLanguageViews.objects.filter(language="en").count() == 365
    out = StringIO()
    load_statistics(out)
    assert "already there" in out.getvalue()
    assert DailyStat.objects.count() == 365
