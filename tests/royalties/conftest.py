import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from articles.models import Article, ArticleType
from royalties.services import fee_for
from tests.conftest import make_article

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
REPORT_URL = "/admin/articles/article/royalties/"


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HCM)


def paid(category, **fields):
    """An approved article with its fee fixed, as approval leaves it."""
    fields.setdefault("title_en", "")
    article = make_article(category, **fields)
    if "fee" not in fields:
        article.fee = fee_for(article)
        Article.objects.filter(pk=article.pk).update(fee=article.fee)
    return article


@pytest.fixture
def commentary(db):
    return ArticleType.objects.get(name_vi="Bình luận")


@pytest.fixture
def may_articles(category, commentary, news_type):
    """Three authors' May 2024 articles: 180,000 đ a unit."""
    paid(category, title="Bài A1", author_name="Nguyễn Minh Tuấn", pen_name="Minh Tuấn",
         coefficient=Decimal("2.5"), page_count=2, photo_count=1, publish_at=at(2024, 5, 3),
         royalty_paid_at=datetime.date(2024, 5, 20))  # 450,000
    paid(category, title="Bài A2", author_name="Nguyễn Minh Tuấn", pen_name="Minh Tuấn",
         coefficient=Decimal("1.25"), page_count=1, photo_count=0, publish_at=at(2024, 5, 4))  # 225,000
    paid(category, title="Bài A3", author_name="Nguyễn Minh Tuấn", pen_name="",
         coefficient=Decimal("3"), publish_at=at(2024, 5, 5))  # 540,000
    paid(category, title="Bài B1", author_name="Lê Thị Hoa", pen_name="Hoa Lê", article_type=commentary,
         coefficient=Decimal("12.75"), page_count=3, photo_count=4, publish_at=at(2024, 5, 6))  # 2,295,000
    paid(category, title="Bài B2 tự đặt", author_name="Lê Thị Hoa", pen_name="Hoa Lê", fee=1_234_567,
         fee_overridden=True, coefficient=Decimal("1"), publish_at=at(2024, 5, 7))
    return 450_000 + 225_000 + 540_000 + 2_295_000 + 1_234_567
