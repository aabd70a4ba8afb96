import html
import re

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from ..models import GalleryPhoto, Image, Video

register = template.Library()

IMG = re.compile(r"<img\s[^>]*>")
SRC = re.compile(r'\ssrc="([^"]*)"')
ALT = re.compile(r'\salt="([^"]*)"')


@register.filter
def with_library_images(body: str) -> str:
    """The article's text with each library figure's image as a responsive picture (WebP and JPEG
    renditions, its size, lazily loaded): one query however many images it holds. An image the
    library no longer has is left out rather than shown broken."""
    body = body or ""
    sources = [match.group(1) for tag in IMG.findall(body) if (match := SRC.search(tag))]
    names = {src.removeprefix(settings.MEDIA_URL) for src in sources if src.startswith(settings.MEDIA_URL)}
    images = {image.file.name: image for image in Image.objects.filter(file__in=names)} if names else {}
    picture = get_template("multimedia/includes/picture.html")

    def replace(match):
        src, alt = SRC.search(match.group(0)), ALT.search(match.group(0))
        image = images.get(src.group(1).removeprefix(settings.MEDIA_URL)) if src else None
        if image is None:
            return ""
        return picture.render({"image": image, "alt": html.unescape(alt.group(1)) if alt else image.alt})

    return mark_safe(IMG.sub(replace, body))


@register.inclusion_tag("multimedia/includes/photo_story.html")
def photo_story(article):
    """The story's photos, in order, as a gallery (one query)."""
    photos = GalleryPhoto.objects.filter(article=article).select_related("image")
    return {"photos": list(photos), "article": article}


@register.inclusion_tag("multimedia/includes/video.html")
def article_video(article):
    """The article's video: the browser's own player, or a link to play it from YouTube (one query)."""
    return {"video": Video.objects.filter(article=article).select_related("poster").first()}
