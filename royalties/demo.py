"""Demo royalties: the fees of the demo's approved articles, two in three of the older ones paid."""

from datetime import timedelta

from django.utils import timezone

from articles.demo import TITLES
from articles.models import Article

from .services import DUE_DAYS, article_set_fee

RUNS_LAST = True  # after every app's demo articles (portal's load_demo)


def load_royalties(users, stdout) -> None:
    # The demo approves its articles without the workflow, so no approval fixed their fees: those
    # the demo accounts wrote, in every app's demo (RUNS_LAST).
    # Only the articles demo's own titles are marked paid, so a real article never is.
    titles = {title_vi for titles in TITLES.values() for title_vi, _title_en in titles}
    unset = (Article.objects.filter(approval=Article.Approval.APPROVED, fee__isnull=True,
                                    created_by__in=list(users.values()))
             .only("pk", "publish_at", "coefficient", "fee", "fee_overridden", "title_vi"))
    old = timezone.now() - timedelta(days=DUE_DAYS)
    count = 0
    for article in unset:
        article_set_fee(article=article)
        if article.title_vi in titles and article.publish_at < old and article.pk % 3:
            Article.objects.filter(pk=article.pk).update(royalty_paid_at=(article.publish_at + timedelta(days=20)).date())
        count += 1
    if count:
        stdout.write(f"Fixed the royalty fees of {count} demo articles.")


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    load_royalties(users, stdout)
