from urllib.parse import quote

from django.conf import settings
from django.urls import translate_url
from django.utils import timezone

from .models import SiteSettings


def language_links(request):
    """The current page in each language, keeping the query string."""
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(quote(request.path), code)
        if query:
            url = f"{url}?{query}"
        links.append({"code": code, "name": name, "url": url})
    return links


def portal(request):
    return {
        "site": SiteSettings.load(),
        "language_links": language_links(request),
        "today": timezone.localdate(),
    }
