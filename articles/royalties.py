"""Royalty (nhuận bút) fees: coefficient × the unit value in force on the publish date."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from .models import Article, CoefficientUnit


def fee_for(article: Article) -> int | None:
    unit = CoefficientUnit.value_on(timezone.localdate(article.publish_at))
    if unit is None or article.coefficient is None:
        return None
    return int((article.coefficient * unit).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def article_set_fee(*, article: Article) -> Article:
    """Fix the fee at approval; a fee an approver typed in by hand is kept."""
    if not article.fee_overridden:
        article.fee = fee_for(article)
        Article.objects.filter(pk=article.pk).update(fee=article.fee)
    return article


def format_vnd(amount) -> str:
    """1234000 -> "1.234.000 đ", the Vietnamese way."""
    if amount is None or amount == "":
        return ""
    return f"{int(amount):,} đ".replace(",", ".")
