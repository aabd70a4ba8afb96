from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import pagecache
from .models import AboutPage, Contact, SiteSettings


@receiver([post_save, post_delete], sender=SiteSettings)
def forget_site_settings(sender, **kwargs):
    SiteSettings.forget()
    pagecache.bump()


@receiver([post_save, post_delete], sender=AboutPage)
@receiver([post_save, post_delete], sender=Contact)
def forget_about_page(sender, **kwargs):
    AboutPage.forget()
    pagecache.bump()
