import io
import os
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from imagekit.cachefiles.strategies import Optimistic
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import Image as PILImage, ImageOps

from articles.models import Article
from articles.text import search_normalise, slug_from
from articles.validators import validate_image

from .validators import validate_captions, validate_video, video_kind

# The widths a figure is offered at (srcset); the article column is 800 px wide.
WIDTHS = (480, 800, 1200)
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def image_path(instance, filename):
    # A random part: two photos called "anh.jpg" never overwrite each other or guess each other.
    name = slug_from(os.path.splitext(filename)[0], 60)
    return f"multimedia/{timezone.now():%Y/%m}/{name}-{uuid.uuid4().hex[:8]}{os.path.splitext(filename)[1]}"


def media_path(instance, filename):
    name, extension = os.path.splitext(filename)
    return f"multimedia/video/{timezone.now():%Y/%m}/{slug_from(name, 60)}-{uuid.uuid4().hex[:8]}{extension.lower()}"


def _rendition(width, image_format, quality):
    return ImageSpecField(source="file", processors=[ResizeToFit(width, 100 * width, upscale=False)],
                          format=image_format, options={"quality": quality}, cachefile_strategy=Optimistic)


def without_metadata(file) -> ContentFile:
    """The image upright, re-encoded without its EXIF (camera, owner, GPS location); named by its
    real format. GIFs are kept as sent: they carry no EXIF and may be animated."""
    file.seek(0)
    with PILImage.open(file) as original:
        image_format = original.format
        if image_format == "GIF":
            file.seek(0)
            data = file.read()
        else:
            upright = ImageOps.exif_transpose(original)
            options = {"icc_profile": original.info.get("icc_profile")}
            if image_format in ("JPEG", "WEBP"):
                options["quality"] = 90
                if upright.mode not in ("RGB", "L") and image_format == "JPEG":
                    upright = upright.convert("RGB")
            buffer = io.BytesIO()
            upright.save(buffer, image_format, **options)
            data = buffer.getvalue()
    name = os.path.splitext(os.path.basename(file.name or "anh"))[0] + EXTENSIONS[image_format]
    return ContentFile(data, name=name)


class Image(models.Model):
    file = models.ImageField(_("image"), upload_to=image_path, width_field="width", height_field="height",
                             validators=[validate_image])
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt = models.CharField(_("alternative text"), max_length=300,
                           help_text=_("What the image shows, for readers who cannot see it."))
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=150, blank=True,
                              help_text=_("The photographer or source."))
    taken_on = models.DateField(_("taken on"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # The texts without diacritics, so "hoi truong" finds "Hội trường"; filled on save.
    search_text = models.TextField(blank=True, editable=False)

    w480 = _rendition(480, "JPEG", 82)
    w800 = _rendition(800, "JPEG", 82)
    w1200 = _rendition(1200, "JPEG", 82)
    w480_webp = _rendition(480, "WEBP", 80)
    w800_webp = _rendition(800, "WEBP", 80)
    w1200_webp = _rendition(1200, "WEBP", 80)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [models.Index(fields=["file"], name="multimedia_image_file_idx")]

    def __str__(self):
        return self.alt or os.path.basename(self.file.name)

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.file = without_metadata(self.file)
        self.search_text = search_normalise(" ".join(
            getattr(self, name) or "" for name in ("alt_vi", "alt_en", "caption_vi", "caption_en", "credit")))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        articles = list(self.used_in_bodies())
        if articles:
            raise ProtectedError(gettext("The image is used in the text of: %(titles)s.")
                                 % {"titles": "; ".join(a.title for a in articles)}, set(articles))
        return super().delete(*args, **kwargs)

    @property
    def name(self) -> str:
        return os.path.basename(self.file.name)

    def used_in_bodies(self):
        """The articles whose text shows this image (a figure names its file)."""
        name = self.file.name
        return Article.objects.filter(Q(content_vi__contains=name) | Q(content_en__contains=name)).only(
            "pk", "title_vi", "title_en", "slug")

    def sources(self, image_format="JPEG") -> str:
        """The srcset: each rendition no wider than the original, with its width."""
        suffix = "_webp" if image_format == "WEBP" else ""
        urls = {}
        for width in WIDTHS:
            urls.setdefault(min(width, self.width), getattr(self, f"w{width}{suffix}").url)
        return ", ".join(f"{url} {width}w" for width, url in urls.items())

    @property
    def srcset(self) -> str:
        return self.sources()

    @property
    def srcset_webp(self) -> str:
        return self.sources("WEBP")


class GalleryPhoto(models.Model):
    """A photo of a photo story: the article's body is its ordered photos."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="gallery_photos")
    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("caption"), max_length=500, blank=True,
                               help_text=_("Left empty: the image's own caption."))
    position = models.PositiveSmallIntegerField(_("place in the story"), default=0)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("photo of the story")
        verbose_name_plural = _("photos of the story")

    def __str__(self):
        return str(self.image)

    @property
    def shown_caption(self):
        return self.caption or self.image.caption


class Video(models.Model):
    """An article's video: an uploaded file played by the browser, or a YouTube link."""

    article = models.OneToOneField(Article, verbose_name=_("article"), on_delete=models.CASCADE,
                                   related_name="video")
    file = models.FileField(_("video file"), upload_to=media_path, blank=True, validators=[validate_video],
                            help_text=_("MP4 or WebM."))
    youtube_url = models.URLField(_("YouTube link"), blank=True,
                                  help_text=_("Instead of a file: a link to the video on YouTube."))
    poster = models.ForeignKey(Image, verbose_name=_("poster image"), on_delete=models.PROTECT,
                               related_name="+", help_text=_("Shown before the video plays."))
    captions = models.FileField(_("captions (WebVTT)"), upload_to=media_path, blank=True,
                                validators=[validate_captions])
    title = models.CharField(_("title"), max_length=300, help_text=_("What the video is about."))

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.title

    YOUTUBE = re.compile(r"^https://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
                         r"([\w-]{11})(?:[?&#].*)?$")

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Named by what it is, so nginx and the browser get the right type.
            self.file.name = f"{os.path.splitext(self.file.name)[0]}.{video_kind(self.file)}"
        super().save(*args, **kwargs)

    def clean(self):
        if bool(self.file) == bool(self.youtube_url):
            raise ValidationError(_("Give either a video file or a YouTube link, not both."))
        if self.youtube_url and not self.youtube_id:
            raise ValidationError({"youtube_url": _("This is not a link to a YouTube video.")})

    @property
    def youtube_id(self) -> str:
        match = self.YOUTUBE.match(self.youtube_url or "")
        return match.group(1) if match else ""

    @property
    def embed_url(self) -> str:
        # youtube-nocookie: no cookie is set before the reader plays the video.
        return f"https://www.youtube-nocookie.com/embed/{self.youtube_id}?autoplay=1" if self.youtube_id else ""

    @property
    def mime_type(self) -> str:
        return "video/webm" if self.file.name.lower().endswith(".webm") else "video/mp4"
