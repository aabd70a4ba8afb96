from django.db.models.signals import post_delete
from django.dispatch import receiver

from portal import pagecache

from .models import Comment


@receiver(post_delete, sender=Comment)
def comment_deleted(sender, instance, **kwargs):
    # Bulk deletes in the admin come here too, one comment at a time.
    if instance.is_visible:
        Comment.update_comment_counts([instance.article_id])
        pagecache.bump()
