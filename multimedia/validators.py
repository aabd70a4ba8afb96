"""What the library accepts besides images (articles.validators.validate_image decides those)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def _head(file, size: int) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        return file.read(size) or b""
    finally:
        file.seek(position)


def _too_large(file, setting: str, default: int) -> None:
    limit = getattr(settings, setting, default)
    if file.size > limit:
        raise ValidationError(_("The file is %(size)s; the limit is %(limit)s.")
                              % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
                              code="file_too_large")


def video_format(head: bytes) -> str | None:
    """'mp4' or 'webm' from the file's first bytes (its name proves nothing)."""
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "webm"
    return None


def video_kind(file) -> str | None:
    return video_format(_head(file, 64))


def validate_video(file) -> None:
    """An MP4 or WebM by its content, within the size limit."""
    _too_large(file, "VIDEO_MAX_BYTES", 200 * 1024 * 1024)
    if video_kind(file) is None:
        raise ValidationError(_("Videos must be MP4 or WebM files."), code="video_format")


def validate_captions(file) -> None:
    """A WebVTT file: UTF-8 text starting with WEBVTT."""
    _too_large(file, "CAPTIONS_MAX_BYTES", 512 * 1024)
    head = _head(file, 16).removeprefix(b"\xef\xbb\xbf")
    if not head.startswith(b"WEBVTT"):
        raise ValidationError(_("Captions must be a WebVTT file (it starts with WEBVTT)."),
                              code="captions_format")
