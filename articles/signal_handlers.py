from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal import pagecache

from .context_processors import NAV_CACHE_KEY
from .models import Article, Attachment, Category


@receiver([post_save, post_delete], sender=Category)
def forget_navigation(sender, **kwargs):
    cache.delete(NAV_CACHE_KEY)
    pagecache.bump()


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Attachment)
def article_changed(sender, **kwargs):
    pagecache.bump()
