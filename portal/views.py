import logging
import sys

from django.db import InterfaceError, OperationalError, connection
from django.core.cache import cache
from django.contrib import admin
from django.http import (HttpResponse, HttpResponseForbidden, HttpResponsePermanentRedirect,
                         HttpResponseServerError, JsonResponse)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .context_processors import site_url
from .models import AboutPage

logger = logging.getLogger(__name__)


class AboutView(TemplateView):
    template_name = "portal/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(about=AboutPage.load(), **kwargs)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: database unavailable")
        return False


def _cache_ok() -> bool:
    try:
        cache.set("portal:healthz", "ok", timeout=10)
        return cache.get("portal:healthz") == "ok"
    except Exception:
        logger.exception("health check: cache unavailable")
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "error" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


# How long a reader (and nginx, which then serves its stale copy) waits before asking again.
OUTAGE_RETRY_AFTER = 30


def server_error(request):
    """The 500 page, or, when the database cannot be reached, a 503 with Retry-After: a passing
    outage, during which nginx serves its stale copy of the page (it does for 502 and 503).

    Rendered without a request, as Django's own: no context processor may need the database."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.warning("database unavailable: %s", type(error).__name__)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def permission_denied(request, exception=None):
    """The 403 page: the admin's own look under the admin's address, the public page elsewhere.

    Rendered without context processors (as server_error): a refusal needs neither the session
    nor the site settings, so it stays a 403 while the database is down."""
    if request.path.startswith(reverse("admin:index")):
        context = {"request": request, "site_header": admin.site.site_header,
                   "site_title": admin.site.site_title, "has_permission": False,
                   "LANGUAGE_CODE": get_language(), "LANGUAGE_BIDI": get_language_bidi()}
        return HttpResponseForbidden(loader.render_to_string("admin/403.html", context))
    return HttpResponseForbidden(loader.render_to_string("403.html"))


def csrf_failure(request, reason=""):
    # The reason is for developers; readers get a plain explanation and a way back.
    return render(request, "403_csrf.html", status=403)


def robots_txt(request):
    address = site_url(request)
    return HttpResponse(f"User-agent: *\nDisallow: /captcha/\nSitemap: {address}/sitemap.xml\n"
                        f"Sitemap: {address}/news-sitemap.xml\n", content_type="text/plain")


def favicon(request):
    # Resolved per request: the static manifest may not exist when URLs are imported.
    return HttpResponsePermanentRedirect(static("portal/img/emblem.svg"))
