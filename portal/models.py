import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    cache_key = "portal:site-settings:v3"

    portal_name = models.CharField(_("portal name"), max_length=200, default="Cổng thông tin điện tử")
    agency_name = models.CharField(_("agency name"), max_length=200, default="Cơ quan")
    description = models.CharField(
        _("description"), max_length=300, blank=True,
        help_text=_("One or two sentences on what the portal offers: search engines show it under "
                    "the home page's title."))
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    working_hours = models.CharField(_("working hours"), max_length=300, blank=True,
                                     help_text=_("For example: Monday to Friday, 7:30–11:30 and 13:30–17:00."))
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
    cache_key = "portal:about-page:v2"

    organisation = models.TextField(_("organisation"), blank=True,
                                    help_text=_("How the agency is organised: leadership, departments, units."))
    functions = models.TextField(_("functions and duties"), blank=True)
    chart = models.ImageField(_("organisation chart"), upload_to="site/", blank=True,
                              width_field="chart_width", height_field="chart_height",
                              help_text=_("Optional: the chart as an image. The leaders and units below are "
                                          "what phones and screen readers read."))
    chart_description = models.CharField(
        _("description of the chart"), max_length=300, blank=True,
        help_text=_("What the chart shows, in a sentence: read to blind readers in its place."))
    chart_width = models.PositiveIntegerField(null=True, editable=False)
    chart_height = models.PositiveIntegerField(null=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("about and contact page")
        verbose_name_plural = _("about and contact page")

    def __str__(self):
        return str(_("About and contact"))

    def get_absolute_url(self):
        return reverse("portal:about")

    def clean(self):
        if self.chart and not (self.chart_description_vi or "").strip():
            raise ValidationError({"chart_description_vi": _("Describe the chart: it is read to blind readers.")})

    @classmethod
    def _load(cls):
        # The page is shown with its leaders, units and contacts; cache them together.
        obj = cls.objects.get_or_create(pk=1)[0]
        obj.leader_list = list(obj.leaders.all())
        obj.unit_list = list(obj.units.all())
        obj.contact_list = list(obj.contacts.all())
        return obj


class Leader(models.Model):
    """A member of the agency's leadership, as the About page lists them (Decree 42, art. 4)."""

    page = models.ForeignKey(AboutPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150)
    duties = models.TextField(_("in charge of"), blank=True,
                              help_text=_("The fields and units this leader is in charge of."))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A department or unit of the agency with its head: the organisation chart, as a list."""

    page = models.ForeignKey(AboutPage, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=200)
    head = models.CharField(_("head"), max_length=150, blank=True)
    head_position = models.CharField(_("head's position"), max_length=150, blank=True)
    duties = models.TextField(_("functions"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


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


def validate_link_address(value: str) -> None:
    """An address of this site ("/vi/about/") or a web address (http or https)."""
    parts = urlsplit(value)
    if value.startswith("/") and not value.startswith("//"):
        return
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(_("Enter an address of this site (starting with /) or a web address "
                                "starting with https://."), code="invalid")


def leaves_site(address: str) -> bool:
    """Whether the address is on another website than this one."""
    host = urlsplit(address).hostname
    if not host:
        return False
    own = {urlsplit(settings.SITE_URL).hostname, *(h.lstrip(".") for h in settings.ALLOWED_HOSTS)}
    return host not in own


class LinkGroup(models.Model):
    """Links readers look for (Decree 42/2022, art. 7): public services and other portals."""

    class Placement(models.TextChoices):
        SERVICES = "services", _("Public services: on the home page and in the footer")
        FOOTER = "footer", _("Other portals: in the footer")

    name = models.CharField(_("name"), max_length=150)
    placement = models.CharField(_("shown"), max_length=10, choices=Placement.choices, default=Placement.FOOTER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("group of links")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.name


class Link(models.Model):
    group = models.ForeignKey(LinkGroup, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(_("address"), max_length=500, validators=[validate_link_address])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title

    @property
    def leaves_site(self) -> bool:
        return leaves_site(self.url)


class Banner(models.Model):
    """A campaign banner on the home page, shown from one day to another."""

    title = models.CharField(_("text of the banner"), max_length=200,
                             help_text=_("What the banner says: read to blind readers in its place."))
    image = models.ImageField(_("image"), upload_to="banners/", width_field="image_width",
                              height_field="image_height",
                              help_text=_("Wide, at least 960 × 120 pixels (JPEG, PNG or WebP)."))
    image_width = models.PositiveIntegerField(null=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, editable=False)
    url = models.CharField(_("address"), max_length=500, blank=True, validators=[validate_link_address])
    starts_on = models.DateField(_("shown from"), default=timezone.localdate)
    ends_on = models.DateField(_("shown until"), null=True, blank=True, help_text=_("Empty: until it is hidden."))
    is_shown = models.BooleanField(_("shown"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    MIN_SIZE = (960, 120)

    class Meta:
        ordering = ["order", "-starts_on", "pk"]
        verbose_name = _("banner")
        verbose_name_plural = _("banners")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day comes before the first.")
        if self.image and getattr(self.image, "width", None):
            width, height = self.MIN_SIZE
            if self.image.width < width or self.image.height < height:
                errors["image"] = _("The image is %(size)s pixels; a banner needs at least %(needed)s.") % {
                    "size": f"{self.image.width} × {self.image.height}", "needed": f"{width} × {height}"}
        if errors:
            raise ValidationError(errors)

    @property
    def leaves_site(self) -> bool:
        return leaves_site(self.url)

    def shown_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


LINKS_CACHE_KEY = "portal:links:v1"


def site_links() -> dict:
    """The link groups by placement and the banners that are shown, from the cache (forgotten
    when any of them changes, portal.signal_handlers)."""
    found = cache.get(LINKS_CACHE_KEY)
    if found is None:
        groups = list(LinkGroup.objects.prefetch_related("links"))
        found = {
            "services": [group for group in groups if group.placement == LinkGroup.Placement.SERVICES],
            "footer": [group for group in groups if group.placement == LinkGroup.Placement.FOOTER],
            "banners": list(Banner.objects.filter(is_shown=True)),
        }
        cache.set(LINKS_CACHE_KEY, found, 300)
    return found


def forget_site_links() -> None:
    cache.delete(LINKS_CACHE_KEY)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(LINKS_CACHE_KEY))


def next_banner_change():
    """When the banners shown change by themselves next (a first or a day after a last day), for
    the page-cache version (pagecache.register_due_source)."""
    today = timezone.localdate()
    days = [banner.starts_on for banner in site_links()["banners"] if banner.starts_on > today]
    days += [banner.ends_on + datetime.timedelta(days=1) for banner in site_links()["banners"]
             if banner.ends_on is not None and banner.ends_on >= today]
    if not days:
        return None
    return timezone.make_aware(datetime.datetime.combine(min(days), datetime.time.min))
