import base64
import hashlib
import ipaddress
import json
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.text import compress_string

from . import pagecache

request_log = logging.getLogger("portal.requests")
logger = logging.getLogger(__name__)


def _networks(values):
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            logger.warning("DJANGO_TRUSTED_PROXIES: %r is not an address or network", value)
    return networks


class TrustedProxyMiddleware:
    """Puts the reader's address in REMOTE_ADDR when the request came through our own proxy.

    Rate limits, reader hashes and the login lock-out all key on REMOTE_ADDR; behind nginx it
    would be nginx's address for everyone. X-Forwarded-For is believed only when the direct
    peer is our proxy (``DJANGO_TRUSTED_PROXIES``: nginx's own address, never a whole LAN), and
    only its last hop: the address our proxy saw. Anything before it was written by the client
    (nginx replaces the header rather than appending to it, so there is none).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = _networks(getattr(settings, "TRUSTED_PROXIES", []))

    def _is_trusted(self, address):
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    def __call__(self, request):
        remote = request.META.get("REMOTE_ADDR", "")
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if self.trusted and forwarded and self._is_trusted(remote):
            try:
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(forwarded.rsplit(",", 1)[-1].strip()))
            except ValueError:
                pass
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Caches public pages for anonymous readers under the page-cache version.

    Signed-in staff (a session cookie) and readers with a pending message never get a
    cached page; only plain 200 HTML answers that set no cookie are stored. Publishing,
    approving a comment or changing the site settings bumps the version (``pagecache``), so
    readers see the change at once on every app node.

    The page is kept gzipped too, compressed once when stored: browsers, which all take gzip,
    get that copy instead of GZipMiddleware compressing the page again on every hit (a third
    of a hit's time). A cached page holds nothing secret (no session, no CSRF token, no
    cookie), so the random padding GZipMiddleware adds against BREACH is not needed.
    """

    accepts_gzip = re.compile(r"\bgzip\b")

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _cacheable_request(request):
        if request.method not in ("GET", "HEAD"):
            return False
        if not any(request.path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES):
            return False
        cookies = request.COOKIES
        return not (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies)

    @staticmethod
    def _key(request):
        digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
        return f"page:{digest}"

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 30)
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        # One round trip for the version and the page: a page stored under an older version
        # is simply not used. A cache that is down answers a miss.
        version, found = pagecache.read(request, [key])
        stored = found.get(key)
        if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == version:
            _version, response, gzipped = stored
            response["X-Cache"] = "HIT"
            request._page_cache = "HIT"
            return self._encoded(request, response, gzipped)
        response = self.get_response(request)
        request._page_cache = "MISS"
        response["X-Cache"] = "MISS"
        if (response.status_code == 200 and not response.streaming and not response.cookies
                and response.get("Content-Type", "").startswith("text/html")
                and "private" not in response.get("Cache-Control", "")
                and "no-cache" not in response.get("Cache-Control", "")):
            # Shared caches (nginx's micro-cache, a CDN) may keep it a few seconds; browsers
            # revalidate with the ETag after that. max-age=0 would stop nginx from caching.
            seconds_shared = getattr(settings, "SHARED_CACHE_SECONDS", 5)
            patch_cache_control(response, public=True, max_age=seconds_shared)
            response["X-Accel-Expires"] = str(seconds_shared)
            # ConditionalGetMiddleware would otherwise hash the whole body again on every hit.
            set_response_etag(response)
            gzipped = compress_string(response.content)
            cache.set(key, (version, response, gzipped), seconds)
            return self._encoded(request, response, gzipped)
        return response

    def _encoded(self, request, response, gzipped):
        """The stored page as this reader takes it: gzipped as GZipMiddleware would (which then
        leaves it alone), or as it is."""
        patch_vary_headers(response, ("Accept-Encoding",))
        if (len(gzipped) < len(response.content)
                and self.accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))):
            response.content = gzipped
            response["Content-Length"] = str(len(gzipped))
            etag = response.get("ETag", "")
            if etag.startswith('"'):  # a strong ETag names the uncompressed bytes
                response["ETag"] = "W/" + etag
            response["Content-Encoding"] = "gzip"
        return response


class RequestLogMiddleware:
    """One JSON line per request: what, how it went, how long. No address, no query, no user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request_log.isEnabledFor(logging.INFO):
            request_log.info(json.dumps({
                "method": request.method,
                "path": request.path[:200],
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "bytes": len(response.content) if not response.streaming else None,
                "cache": getattr(request, "_page_cache", None),
                "staff": bool(getattr(getattr(request, "user", None), "is_staff", False)),
            }, separators=(",", ":")))
        return response


class NulCharacterMiddleware:
    """A 400 for an address naming a NUL character (%00): no page has one, and PostgreSQL refuses
    it in any text, so a view or an admin filter handed one would answer 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("NUL characters are not allowed in an address.", content_type="text/plain")
        return self.get_response(request)


def remote_addr(request):
    """The reader's address, as TrustedProxyMiddleware settled it (for django-axes)."""
    return request.META.get("REMOTE_ADDR")


IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


class ImportMapCSPMiddleware:
    """Allows the admin widgets' import maps (inline JSON, no code) by their hash.

    The rich-text editor loads its ES modules through an inline ``<script type="importmap">``;
    a CSP without 'unsafe-inline' blocks it unless its exact hash is listed. Only import maps
    are hashed: any other inline script stays blocked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only admin pages carry import maps: scanning every public page's body is pure cost.
        if not request.path.startswith("/" + getattr(settings, "ADMIN_URL", "admin/").lstrip("/")):
            return response
        policy = response.get("Content-Security-Policy")
        if (not policy or response.streaming
                or not response.get("Content-Type", "").startswith("text/html")):
            return response
        hashes = [
            "'sha256-%s'" % base64.b64encode(hashlib.sha256(body).digest()).decode()
            for body in IMPORTMAP.findall(response.content)
        ]
        if hashes:
            directives = [part.strip() for part in policy.split(";")]
            response["Content-Security-Policy"] = "; ".join(
                f"{part} {' '.join(hashes)}" if part.startswith("script-src") else part
                for part in directives
            )
        return response
