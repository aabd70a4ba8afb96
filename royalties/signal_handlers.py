from django.dispatch import receiver

from articles.models import Article
from articles.signals import article_approved

from .services import article_set_fee


@receiver(article_approved, sender=Article)
def fix_fee_at_approval(sender, article, **kwargs):
    # Inside the approval's transaction, on the locked row: the fee and the approval commit together.
    article_set_fee(article=article)
