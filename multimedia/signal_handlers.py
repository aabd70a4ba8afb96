from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article
from articles.signals import new_version_published, new_version_started
from portal import pagecache

from .models import GalleryPhoto, Image, Video


@receiver([post_save, post_delete], sender=GalleryPhoto)
@receiver([post_save, post_delete], sender=Video)
def article_media_changed(sender, instance, raw=False, **kwargs):
    # The article's text is cached by its updated_at: a photo or video changed without
    # saving the article must still change the page.
    if not raw:
        Article.objects.filter(pk=instance.article_id).update(updated_at=timezone.now())
    pagecache.bump()


@receiver(post_save, sender=Image)
def image_changed(sender, instance, created=False, raw=False, **kwargs):
    # A caption or description corrected shows on every page that holds the image.
    if created or raw:
        return
    Article.objects.filter(pk__in=instance.used_in_bodies().values("pk")).update(updated_at=timezone.now())
    Article.objects.filter(gallery_photos__image=instance).update(updated_at=timezone.now())
    Article.objects.filter(video__poster=instance).update(updated_at=timezone.now())
    pagecache.bump()


def _row_values(row) -> dict:
    return {field.attname: getattr(row, field.attname) for field in type(row)._meta.concrete_fields
            if not field.primary_key and field.name != "article"}


@receiver(new_version_started, sender=Article)
def copy_media_to_new_version(sender, published, copy, **kwargs):
    # The new version starts with the published article's photo story and video, to edit there.
    GalleryPhoto.objects.bulk_create(GalleryPhoto(article=copy, **_row_values(photo))
                                     for photo in published.gallery_photos.all())
    video = Video.objects.filter(article=published).first()
    if video:
        Video.objects.create(article=copy, **_row_values(video))


@receiver(new_version_published, sender=Article)
def move_media_to_published(sender, published, copy, **kwargs):
    # The approved new version's story and video replace the published ones.
    GalleryPhoto.objects.filter(article=published).delete()
    GalleryPhoto.objects.filter(article=copy).update(article=published)
    Video.objects.filter(article=published).delete()
    Video.objects.filter(article=copy).update(article=published)
