"""Text helpers shared by slugs, search and sanitising."""

import re
import unicodedata

import nh3
from django.utils.html import strip_tags
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
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def sanitise_html(html: str) -> str:
    """Rich text as editors may store it: no script, style, event handler or javascript: link."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
