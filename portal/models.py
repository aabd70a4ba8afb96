from django.db import models
from django.utils.translation import gettext_lazy as _

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse


class SingletonModel(models.Model):
    """One record edited in the admin, read through the cache rather than the database."""

    cache_key: str = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The record, from the cache; forgotten on every save (and again at its commit), the
        timeout is only a safety net."""
        obj = cache.get(cls.cache_key)
        if obj is None:
            obj = cls._load()
            cache.set(cls.cache_key, obj, 300)
        return obj

    @classmethod
    def _load(cls):
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def forget(cls):
        cache.delete(cls.cache_key)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: cache.delete(cls.cache_key))


class SiteSettings(SingletonModel):
    cache_key = "portal:site-settings:v2"

    portal_name = models.CharField(_("portal name"), max_length=200, default="Cổng thông tin điện tử")
    agency_name = models.CharField(_("agency name"), max_length=200, default="Cơ quan")
    description = models.CharField(
        _("description"), max_length=300, blank=True,
        help_text=_("One or two sentences on what the portal offers: search engines show it under "
                    "the home page's title."))
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="site/", blank=True,
                             help_text=_("Square image; the portal's emblem is used when empty."))
    footer_text = models.TextField(_("footer text"), blank=True,
                                   help_text=_("For example the licence and who is responsible for the content."))

    visits_offset = models.PositiveBigIntegerField(
        _("visits before this portal"), default=0,
        help_text=_("Added to the visit total: the count carried over from the previous portal."))
    online_window_minutes = models.PositiveSmallIntegerField(
        _("online window (minutes)"), default=5,
        help_text=_("A reader counts as online for this long after their last page view."))

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))


class AboutPage(SingletonModel):
    cache_key = "portal:about-page:v1"

    organisation = models.TextField(_("organisation"), blank=True,
                                    help_text=_("How the agency is organised: leadership, departments, units."))
    functions = models.TextField(_("functions and duties"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("about and contact page")
        verbose_name_plural = _("about and contact page")

    def __str__(self):
        return str(_("About and contact"))

    def get_absolute_url(self):
        return reverse("portal:about")

    @classmethod
    def _load(cls):
        # The page is shown with its contacts; cache both together.
        obj = cls.objects.get_or_create(pk=1)[0]
        obj.contact_list = list(obj.contacts.all())
        return obj


class Contact(models.Model):
    page = models.ForeignKey(AboutPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name
