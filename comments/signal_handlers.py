from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal import pagecache

from .models import Comment


@receiver(post_save, sender=Comment)
def comment_created(sender, instance, created, raw=False, **kwargs):
    # Readers' comments arrive pending and go through moderation (Comment._moderate); one
    # stored already approved (an import, the shell, a fixture) is counted and shown at once.
    if created and not raw and instance.is_visible:
        Comment.update_comment_counts([instance.article_id])
        pagecache.bump()


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance, **kwargs):
    # Bulk deletes in the admin come here too, one comment at a time.
    if instance.is_visible:
        Comment.update_comment_counts([instance.article_id])
        pagecache.bump()
