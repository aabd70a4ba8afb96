import json
import logging

from django.conf import settings
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .readers import is_bot
from .services import UNAVAILABLE, page_resolve, view_record

logger = logging.getLogger(__name__)
MAX_BODY = 2048


def _same_origin(request) -> bool:
    """Origin (or, lacking it, Sec-Fetch-Site) proves the page that sent the beacon is ours."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        own = f"{request.scheme}://{request.get_host()}"
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"


def _payload(request) -> dict | None:
    """The beacon's fields, or None for any body that is not a small flat form or JSON object."""
    if len(request.body) > MAX_BODY:
        return None
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            return request.POST.dict()
        except MultiPartParserError:
            return None
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python recurses
        return None
    return data if isinstance(data, dict) else None


def _refused(status):
    return JsonResponse({"counted": False}, status=status)


# Pages are cached for anonymous readers, so they carry no CSRF token; the beacon is safe
# without one because it only ever adds to counters, and only for same-origin pages.
@csrf_exempt
@require_POST
@never_cache
def beacon(request):
    if not _same_origin(request):
        return _refused(403)
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return _refused(403)
    data = _payload(request)
    path = data.get("path") if data else None
    if not isinstance(path, str):
        return _refused(400)
    try:
        page = page_resolve(path)
    except Exception as error:  # the database is unreachable: say so quickly, count nothing
        logger.warning("stats: a beacon's page could not be checked (%s)", type(error).__name__)
        return JsonResponse(UNAVAILABLE)
    if page is None:
        return _refused(400)
    article = data.get("article")
    if article not in (None, "") and str(article) != str(page.article_id):
        return _refused(400)
    # REMOTE_ADDR as TrustedProxyMiddleware settled it (the one reader of X-Forwarded-For).
    answer = view_record(page=page, ip=request.META.get("REMOTE_ADDR", ""),
                         user_agent=request.META.get("HTTP_USER_AGENT", ""))
    if answer.pop("limited", False):
        return _refused(429)
    return JsonResponse(answer)
