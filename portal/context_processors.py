from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import override

from . import pagecache
from .models import SiteSettings


def language_links(request):
    """The current page in each language, keeping the query string."""
    query = request.META.get("QUERY_STRING", "")
    match = getattr(request, "resolver_match", None)
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if match is not None and match.url_name:
            # The page's own route again, in the other language (translate_url would resolve it again).
            try:
                with override(code):
                    url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                url = None
        if url is None:
            url = translate_url(quote(request.path), code)
        if query:
            url = f"{url}?{query}"
        link = {"code": code, "name": name, "url": url}
        if code == settings.LANGUAGE_CODE:
            # hreflang="x-default": the address without a language, which sends each reader to
            # theirs (as the sitemap's x-default, django.contrib.sitemaps).
            link["neutral_url"] = url.replace(f"/{code}/", "/", 1)
        links.append(link)
    return links


def site_url(request) -> str:
    """The site's public address, no trailing slash: DJANGO_SITE_URL, else (development) the request's."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def portal(request):
    """What every page's chrome shows, and what its {% cache %} blocks are keyed on."""
    return {
        "site": SiteSettings.load(),
        "site_url": site_url(request),
        "language_links": language_links(request),
        "today": timezone.localdate(),
        # Read only if a {% cache %} block is rendered (never when template caching is off).
        "page_version": SimpleLazyObject(lambda: pagecache.version(request)),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
