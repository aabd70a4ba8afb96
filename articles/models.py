import os
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from imagekit.cachefiles.strategies import Optimistic
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from portal.addresses import slug_address

from .querysets import ArticleQuerySet
from .text import sanitise_body, sanitise_html, search_normalise, slug_from
from .validators import validate_attachment, validate_image
from .workflow import Approval, ApprovalLevel, EditorialNote, Transition, current_level  # noqa: F401 (models of this app)

MAX_COEFFICIENT = Decimal("50")


class Category(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    description = models.CharField(
        _("description"), max_length=300, blank=True,
        help_text=_("What the section publishes, in a sentence: search engines show it under its title."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_navigation = models.BooleanField(_("shown in the navigation"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_from(self.name_vi or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("articles:category", self.slug)

    CACHE_KEY = "articles:categories:v4"

    @classmethod
    def all_cached(cls) -> dict:
        """Every category by primary key (in navigation order), each with its parent and the ids
        of itself and its children (`section_ids`, what its page lists); forgotten when a category
        changes (articles.signal_handlers), the timeout only a safety net."""
        categories = cache.get(cls.CACHE_KEY)
        if categories is None:
            categories = {category.pk: category for category in cls.objects.all()}
            for category in categories.values():
                category.section_ids = [category.pk]
            for category in categories.values():
                if category.parent_id:
                    category.parent = categories[category.parent_id]
                    category.parent.section_ids.append(category.pk)
            cache.set(cls.CACHE_KEY, categories, 300)
        return categories

    @classmethod
    def by_slug(cls, slug: str):
        """The category with this slug, from the cached categories, or None."""
        return next((c for c in cls.all_cached().values() if c.slug == slug), None)

    @classmethod
    def navigation(cls) -> list:
        """Top-level categories shown in the navigation."""
        return [c for c in cls.all_cached().values() if c.parent_id is None and c.in_navigation]


class ArticleType(models.Model):
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_default = models.BooleanField(_("default type"), default=False)
    max_coefficient = models.DecimalField(
        _("highest coefficient"), max_digits=5, decimal_places=2, default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_COEFFICIENT)],
        help_text=_("The royalty coefficient of an article of this type may not exceed this (50 at most)."),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("article type")
        verbose_name_plural = _("article types")

    def __str__(self):
        return self.name

    @classmethod
    def default(cls):
        return cls.objects.filter(is_default=True).first() or cls.objects.first()


def default_article_type():
    article_type = ArticleType.default()
    return article_type.pk if article_type else None


def article_image_path(instance, filename):
    extension = os.path.splitext(filename)[1].lower()
    return f"articles/{timezone.now():%Y/%m}/{slug_from(instance.title_vi or 'anh', 80)}{extension}"


def attachment_path(instance, filename):
    name, extension = os.path.splitext(filename)
    return f"attachments/{timezone.now():%Y/%m}/{slug_from(name, 80)}{extension.lower()}"


class Article(models.Model):
    Approval = Approval

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("friendly name"), max_length=200, unique=True, blank=True,
                            help_text=_("The article's address; made from the title when left empty."))
    summary = models.TextField(_("summary"), max_length=1000)
    content = ProseEditorField(
        _("content"),
        extensions={
            "Bold": True, "Italic": True, "Underline": True, "Strike": True,
            "Subscript": True, "Superscript": True,
            "Heading": {"levels": [2, 3, 4]},
            "BulletList": True, "OrderedList": True, "ListItem": True,
            "Blockquote": True, "HorizontalRule": True, "HardBreak": True,
            "Link": {"protocols": ["http", "https", "mailto", "tel"]},
            "Table": True, "TableRow": True, "TableHeader": True, "TableCell": True,
            "History": True,
            # Figures of the media library: the picker uploads or chooses one (multimedia's admin).
            "Figure": {"pickerUrl": reverse_lazy("admin:multimedia_image_picker")}, "Caption": True, "Image": True,
        },
        # The same allowlist as save() (articles.text): one decides what a body may hold; the
        # editor's also asks for every image's alternative text.
        sanitize=sanitise_body,
    )
    image = models.ImageField(_("image"), upload_to=article_image_path, blank=True,
                              validators=[validate_image])
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    # Never enlarged (blurred); articles.validators refuses images smaller than the pages need.
    image_list = ImageSpecField(source="image", processors=[ResizeToFill(480, 300, upscale=False)],
                                format="JPEG", options={"quality": 80}, cachefile_strategy=Optimistic)
    image_list_webp = ImageSpecField(source="image", processors=[ResizeToFill(480, 300, upscale=False)],
                                     format="WEBP", options={"quality": 78}, cachefile_strategy=Optimistic)
    image_detail = ImageSpecField(source="image", processors=[ResizeToFit(1200, 900, upscale=False)],
                                  format="JPEG", options={"quality": 85}, cachefile_strategy=Optimistic)
    image_detail_webp = ImageSpecField(source="image", processors=[ResizeToFit(1200, 900, upscale=False)],
                                       format="WEBP", options={"quality": 82}, cachefile_strategy=Optimistic)
    content_link = models.URLField(_("content link"), max_length=500, blank=True,
                                   help_text=_("When set, the article's page sends readers to this address."))
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now, db_index=True,
                                      help_text=_("In the future: the article stays invisible until then."))
    featured = models.BooleanField(_("featured"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="articles", editable=False)
    author_name = models.CharField(_("author name"), max_length=150, blank=True)
    pen_name = models.CharField(_("pen name"), max_length=150, blank=True)
    phone = models.CharField(_("author's phone"), max_length=30, blank=True)
    email = models.EmailField(_("author's e-mail"), blank=True)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="articles")
    article_type = models.ForeignKey(ArticleType, verbose_name=_("article type"), on_delete=models.PROTECT,
                                     related_name="articles", default=default_article_type)
    page_count = models.PositiveIntegerField(_("page count"), default=0)
    photo_count = models.PositiveIntegerField(_("photo count"), default=0)
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2, default=Decimal("0"),
                                      validators=[MinValueValidator(Decimal("0")),
                                                  MaxValueValidator(MAX_COEFFICIENT)])
    fee = models.PositiveBigIntegerField(_("fee (VND)"), null=True, blank=True)
    fee_overridden = models.BooleanField(_("fee set by hand"), default=False)
    royalty_paid_at = models.DateField(_("royalty paid on"), null=True, blank=True)
    is_shown = models.BooleanField(_("shown"), default=True,
                                   help_text=_("Untick to take the article down without touching its approval."))
    read_count = models.PositiveBigIntegerField(_("read count"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0, editable=False)
    allow_comments = models.BooleanField(_("allow comments"), default=True)
    approval = models.CharField(_("approval status"), max_length=10, choices=Approval.choices,
                                default=Approval.DRAFT, editable=False)
    # While pending: the level it waits at (1 is the first; see workflow.ApprovalLevel); else 0.
    approval_level = models.PositiveSmallIntegerField(_("approval level"), default=0, editable=False)
    # A new version of a published article, prepared and approved while readers keep the published
    # one; its approval writes it into that article (new_versions.py).
    new_version_of = models.ForeignKey("self", verbose_name=_("new version of"), null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="new_versions", editable=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Diacritic-free copies for search, filled on save.
    search_title_vi = models.TextField(blank=True, editable=False)
    search_title_en = models.TextField(blank=True, editable=False)
    search_body_vi = models.TextField(blank=True, editable=False)
    search_body_en = models.TextField(blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    COUNTERS = ("read_count", "comment_count")
    # What the public page reads, each language named: not the untranslated copies
    # modeltranslation keeps, the folded search copies, the workflow's or the royalties' columns.
    ON_THE_PAGE = ("slug", "title_vi", "title_en", "summary_vi", "summary_en", "content_vi", "content_en",
                   "image", "image_caption_vi", "image_caption_en", "content_link", "publish_at", "is_shown",
                   "approval", "read_count", "comment_count", "allow_comments", "updated_at", "category",
                   "author_name", "pen_name")

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("approve_article", _("Can approve, reject, feature and hide articles")),
            ("view_author_contact", _("Can see the phone and e-mail of any author")),
            ("view_royalty_report", _("Can view the royalty report")),
        ]
        indexes = [
            models.Index(fields=["approval", "is_shown", "-publish_at"], name="article_public_idx"),
            models.Index(fields=["category", "-publish_at"], name="article_category_idx"),
            models.Index(fields=["featured", "-publish_at"], name="article_featured_idx"),
            # The approvers' admin list: the pending queue first (ArticleAdmin.get_ordering
            # orders by exactly this expression), so PostgreSQL reads 50 rows instead of sorting all.
            models.Index(
                models.Case(models.When(approval="pending", then=models.Value(0)), default=models.Value(1),
                            output_field=models.IntegerField()),
                models.F("publish_at").desc(), models.F("id").desc(), name="article_approval_queue_idx"),
            # The editors' admin list (articles.admin.QueueFirstPaginator): their own unfinished
            # articles first, then every other, each newest first, each read by a LIMIT.
            models.Index(fields=["created_by", "-publish_at", "-id"], condition=~models.Q(approval="approved"),
                         name="article_unfinished_idx"),
            models.Index(fields=["-publish_at", "-id"], name="article_newest_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for language in ("vi", "en"):
            field = f"content_{language}"
            setattr(self, field, sanitise_html(getattr(self, field) or ""))
            # Padded with spaces so a whole-word match is a plain substring match.
            title = search_normalise(getattr(self, f"title_{language}") or "")
            body = search_normalise(f"{getattr(self, f'summary_{language}') or ''} {getattr(self, field) or ''}")
            setattr(self, f"search_title_{language}", f" {title} " if title else "")
            setattr(self, f"search_body_{language}", f" {body} " if body else "")
        if not self.slug:
            self.slug = self._unique_slug()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "search_title_vi", "search_title_en", "search_body_vi", "search_body_en"}
        elif not self._state.adding and not kwargs.get("force_insert"):
            # The counters are kept by UPDATE ... SET n = n + k (flush_stats, moderation): an
            # editor saving an article loaded a moment earlier must not write back old counts.
            kwargs["update_fields"] = [field.name for field in self._meta.concrete_fields
                                       if not field.primary_key and field.name not in self.COUNTERS]
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.image and not (self.image_caption_vi or "").strip():
            errors["image_caption_vi"] = _("Describe the image: the caption is read to blind readers too.")
        article_type = self.article_type if self.article_type_id else None
        if article_type and self.coefficient is not None and self.coefficient > article_type.max_coefficient:
            errors["coefficient"] = _("The coefficient of %(type)s may be at most %(limit)s.") % {
                "type": article_type.name, "limit": f"{article_type.max_coefficient.normalize():f}"}
        if errors:
            raise ValidationError(errors)

    def _unique_slug(self):
        base = slug_from(self.title_vi or self.title, 190)
        slug, n = base, 2
        while Article.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def get_absolute_url(self):
        return slug_address("articles:detail", self.slug)

    @property
    def byline(self):
        return self.pen_name or self.author_name

    @property
    def is_public(self):
        return (self.approval == self.Approval.APPROVED and self.is_shown
                and self.publish_at <= timezone.now())

    def has_translation(self, language):
        return bool(getattr(self, f"title_{language}", ""))

    @property
    def languages(self) -> list:
        """The languages the article is written in: Vietnamese, and those it is translated into."""
        return [code for code, _name in settings.LANGUAGES
                if code == settings.LANGUAGE_CODE or self.has_translation(code)]

    def is_editable_by(self, user) -> bool:
        """Approvers edit anything; an editor edits their own article until it is approved; a
        checker (a level's group) edits the articles waiting at their level."""
        if user.has_perm("articles.approve_article"):
            return True
        if not user.has_perm("articles.change_article") or self.approval == self.Approval.APPROVED:
            return False
        level = current_level(self)
        return self.created_by_id == user.pk or bool(level and level.admits(user, self))


class Attachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255,
                            validators=[validate_attachment])
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        try:
            self.size = self.file.size
        except (OSError, ValueError):
            pass
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:attachment", kwargs={"pk": self.pk, "slug": self.article.slug})

    @property
    def extension(self):
        return os.path.splitext(self.file.name)[1].lstrip(".").upper()
