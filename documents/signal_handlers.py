from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from portal import pagecache

from .models import Document, DocumentFile, DocumentRelation, DocumentType, Issuer, Opinion, Sector
from .views import forget_choices


@receiver([post_save, post_delete], sender=Document)
@receiver([post_save, post_delete], sender=DocumentRelation)
@receiver(m2m_changed, sender=Document.related_articles.through)
def document_changed(sender, **kwargs):
    pagecache.bump()
    pagecache.reschedule()


@receiver([post_save, post_delete], sender=DocumentFile)
def file_changed(sender, instance, raw=False, **kwargs):
    # The page's block of files is kept by the document's updated_at.
    if not raw:
        Document.objects.filter(pk=instance.document_id).update(updated_at=timezone.now())
    pagecache.bump()


@receiver([post_save, post_delete], sender=DocumentType)
@receiver([post_save, post_delete], sender=Issuer)
@receiver([post_save, post_delete], sender=Sector)
def list_changed(sender, **kwargs):
    forget_choices()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(forget_choices)
    pagecache.bump()


@receiver(post_delete, sender=Opinion)
def opinion_deleted(sender, instance, **kwargs):
    if instance.status == Opinion.Status.APPROVED:
        pagecache.bump()
