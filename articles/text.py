"""Text helpers shared by slugs, search and sanitising."""

import re
import unicodedata

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.text import slugify

# đ/Đ are letters of their own, not d with a mark: NFKD leaves them whole.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Vietnamese (or any Latin) text without diacritics: "Đà Nẵng" -> "Da Nang"."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_LETTER_FOLDS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def search_normalise(text: str) -> str:
    """Lower-case words without diacritics or markup, for matching "dan van" to "Dân vận"."""
    words = re.findall(r"\w+", fold(strip_tags(text or "")).lower())
    return " ".join(words)


def slug_from(text: str, max_length: int = 200) -> str:
    slug = slugify(fold(text))[:max_length].strip("-")
    return slug or "bai-viet"


ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "hr",
    "h2", "h3", "h4", "ul", "ol", "li", "a", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "code", "pre",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # data-file: the library image's number, which the editor's image picker records.
    "img": {"src", "alt", "width", "height", "data-file"},
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


# An image is the portal's own: a file of the media library (multimedia), never an address
# elsewhere (a hot-linked image tells a third party who reads what, and may change or vanish).
LIBRARY_IMAGE = r"multimedia/\d{4}/\d{2}/[\w-]+\.(?:jpg|png|webp|gif)"
IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
IMG = re.compile(r"<img\s[^>]*>")


def _library_images_only(tag, attribute, value):
    if tag == "img" and attribute == "src":
        return value if re.fullmatch(re.escape(settings.MEDIA_URL) + LIBRARY_IMAGE, value) else None
    if attribute in ("data-file", "width", "height"):
        return value if value.isdigit() else None
    return value


def sanitise_html(html: str) -> str:
    """Rich text as editors may store it: no script, style, event handler or javascript: link;
    images only from the media library."""
    html = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_library_images_only,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return IMG_WITHOUT_SRC.sub("", html)


def sanitise_body(html: str) -> str:
    """The editor's sanitiser: the allowlist above, and every image described for blind readers."""
    html = sanitise_html(html)
    undescribed = [match.group(0) for match in IMG.finditer(html)
                   if not re.search(r'\salt="[^"]*[^"\s][^"]*"', match.group(0))]
    if undescribed:
        names = [re.search(r'src="[^"]*/([^/"]+)"', tag).group(1) for tag in undescribed]
        raise ValidationError(
            _("Describe every image for readers who cannot see it: %(names)s has no alternative text.")
            % {"names": ", ".join(names)}, code="image_without_alt")
    return html
