from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal import pagecache

from .models import Question, Topic


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def topic_changed(sender, instance, raw=False, **kwargs):
    # Field names show on every public question page.
    if not raw:
        pagecache.bump()


@receiver(post_save, sender=Question)
def question_saved(sender, instance, created, raw=False, **kwargs):
    # The office's own changes bump through Question's methods; one stored already published
    # (an import, the shell, a fixture) shows at once.
    if created and not raw and instance.is_public:
        pagecache.bump()


@receiver(post_delete, sender=Question)
def question_deleted(sender, instance, **kwargs):
    if instance.is_public:
        pagecache.bump()
