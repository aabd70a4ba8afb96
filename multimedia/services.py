"""Writes of the media library, and the body markup of its images (used by importers too)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _

from articles.text import sanitise_html
from articles.validators import validate_image

from .models import Image


def image_create(*, file, alt_vi: str, alt_en: str = "", caption_vi: str = "", caption_en: str = "",
                 credit: str = "", taken_on: datetime.date | None = None, by=None) -> Image:
    """A library image from an uploaded file, checked as the admin's upload is (a real JPEG, PNG,
    WebP or GIF, no bomb, large enough, described) and stored without its EXIF location.
    Raises ValidationError when refused; nothing is stored then."""
    # Checked before the model reads its dimensions: a decompression bomb must not get that far.
    validate_image(file)
    image = Image(file=file, alt_vi=(alt_vi or "").strip(), alt_en=(alt_en or "").strip(),
                  caption_vi=caption_vi or "", caption_en=caption_en or "", credit=credit or "",
                  taken_on=taken_on, uploaded_by=by)
    if not image.alt_vi:
        raise ValidationError({"alt_vi": _("Describe the image for readers who cannot see it.")})
    image.full_clean(exclude=["width", "height"])
    image.save()
    return image


def figure_html(image: Image, *, caption: str | None = None) -> str:
    """The article body's figure for a library image, as the editor writes it and
    articles.text.sanitise_html keeps it; the caption defaults to the image's own (active language)."""
    caption = image.caption if caption is None else caption
    markup = format_html('<figure><img src="{}" alt="{}" width="{}" height="{}" data-file="{}">{}</figure>',
                         image.file.url, image.alt, image.width, image.height, image.pk,
                         format_html("<figcaption>{}</figcaption>", caption) if caption else "")
    return sanitise_html(markup)
