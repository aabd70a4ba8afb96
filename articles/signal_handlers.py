from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from reversion.signals import post_revision_commit

from portal import pagecache

from . import new_versions
from .models import Article, Attachment, Category


@receiver([post_save, post_delete], sender=Category)
def forget_navigation(sender, **kwargs):
    cache.delete(Category.CACHE_KEY)
    if transaction.get_connection().in_atomic_block:  # a reader may cache the old rows till then
        transaction.on_commit(lambda: cache.delete(Category.CACHE_KEY))
    pagecache.bump()


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, **kwargs):
    pagecache.bump()


@receiver([post_save, post_delete], sender=Attachment)
def attachment_changed(sender, instance, raw=False, **kwargs):
    # The article's text is cached by its updated_at (articles.views): an attachment added or
    # removed without saving the article (a script, the shell) must still change it.
    if not raw:
        Article.objects.filter(pk=instance.article_id).update(updated_at=timezone.now())
    pagecache.bump()


@receiver(post_save, sender=Article)
def article_scheduled(sender, instance, **kwargs):
    # Pages must change when a scheduled article's time comes, though nothing is saved then.
    if instance.publish_at and instance.publish_at > timezone.now():
        pagecache.schedule(instance.publish_at)


def next_scheduled():
    """When the next approved, shown article goes public by itself."""
    return (Article.objects.filter(approval=Article.Approval.APPROVED, is_shown=True,
                                   publish_at__gt=timezone.now())
            .order_by("publish_at").values_list("publish_at", flat=True).first())


@receiver(post_revision_commit)
def merged_new_versions(sender, revision, versions, **kwargs):
    # An admin save that approved a new version: its revision names the published article.
    if new_versions._merged:
        new_versions.revision_saved(revision)
