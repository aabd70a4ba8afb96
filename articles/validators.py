import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def _setting(name, default):
    return getattr(settings, name, default)


# The smallest image the pages show without enlarging it: the article column is 800 px wide, a
# list's card 480×300. Smaller, the browser stretches it and it blurs (the renditions never enlarge).
IMAGE_MIN_WIDTH = 800
IMAGE_MIN_HEIGHT = 300


def validate_image(file) -> None:
    """A real JPEG, PNG, WebP or GIF within the size and pixel limits, large enough for the
    article column; bombs refused."""
    max_bytes = _setting("ARTICLE_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
    max_pixels = _setting("ARTICLE_IMAGE_MAX_PIXELS", 40_000_000)
    if file.size > max_bytes:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        # Pillow warns, then raises, on decompression bombs; treat both as refusals.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image has too many pixels to be processed safely."),
                              code="image_bomb")
    except Exception:
        raise ValidationError(_("The file is not a valid image."), code="invalid_image")
    finally:
        try:
            file.seek(position)
        except Exception:
            pass
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Images must be JPEG, PNG, WebP or GIF, not %(format)s.") % {"format": image_format},
            code="image_format",
        )
    if width * height > max_pixels:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; at most %(limit)s million pixels are allowed.")
            % {"width": width, "height": height, "limit": max_pixels // 1_000_000},
            code="image_pixels",
        )
    min_width = _setting("ARTICLE_IMAGE_MIN_WIDTH", IMAGE_MIN_WIDTH)
    min_height = _setting("ARTICLE_IMAGE_MIN_HEIGHT", IMAGE_MIN_HEIGHT)
    if width < min_width or height < min_height:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; it must be at least %(min_width)s×%(min_height)s "
              "pixels, or it is blurred when the page enlarges it.")
            % {"width": width, "height": height, "min_width": min_width, "min_height": min_height},
            code="image_too_small",
        )


ATTACHMENT_EXTENSIONS = (
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
    "rtf", "txt", "csv", "zip", "rar", "7z",
)


def validate_attachment(file) -> None:
    """Documents and archives only, within the size limit."""
    max_bytes = _setting("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
    extension = os.path.splitext(file.name)[1].lower().lstrip(".")
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Attachments must be documents or archives (%(allowed)s).")
            % {"allowed": ", ".join(ATTACHMENT_EXTENSIONS)},
            code="attachment_type",
        )
    if file.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
            code="attachment_too_large",
        )
