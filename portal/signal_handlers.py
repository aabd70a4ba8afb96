from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import pagecache
from .models import (AboutPage, Banner, Contact, Leader, Link, LinkGroup, SiteSettings, Unit, forget_site_links,
                     next_banner_change)


@receiver([post_save, post_delete], sender=SiteSettings)
def forget_site_settings(sender, **kwargs):
    SiteSettings.forget()
    pagecache.bump()


@receiver([post_save, post_delete], sender=AboutPage)
@receiver([post_save, post_delete], sender=Contact)
@receiver([post_save, post_delete], sender=Leader)
@receiver([post_save, post_delete], sender=Unit)
def forget_about_page(sender, **kwargs):
    AboutPage.forget()
    pagecache.bump()


@receiver([post_save, post_delete], sender=LinkGroup)
@receiver([post_save, post_delete], sender=Link)
@receiver([post_save, post_delete], sender=Banner)
def forget_links(sender, **kwargs):
    forget_site_links()
    pagecache.bump()
    if sender is Banner:
        # A banner that starts or ends on a later day changes the home page then, with no save.
        when = next_banner_change()
        if when is not None:
            pagecache.schedule(when)
