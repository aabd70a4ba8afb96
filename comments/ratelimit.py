"""Who a reader is, as far as abuse control needs to know, and how often they may comment.

A reader is identified by a keyed hash of their IP address: stable enough to count
their comments, useless to anyone without the SECRET_KEY, and never the address itself.
The counts live in Django's cache (Redis in production) so every app process shares them.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

DEFAULT_LIMIT = 3
DEFAULT_WINDOW = 600  # seconds


def visitor_hash(request) -> str:
    # Behind our proxies, portal.middleware.TrustedProxyMiddleware has put the reader's own
    # address in REMOTE_ADDR.
    return salted_hmac("comments.visitor", request.META.get("REMOTE_ADDR", ""), algorithm="sha256").hexdigest()


def window_seconds() -> int:
    return int(getattr(settings, "COMMENTS_RATE_WINDOW", DEFAULT_WINDOW))


def window_minutes() -> int:
    return math.ceil(window_seconds() / 60)


def _key(visitor: str) -> str:
    return f"comments:rate:{visitor}"


def rate_limited(visitor: str) -> bool:
    """True when the visitor has already used up the comments allowed in the window."""
    return (cache.get(_key(visitor)) or 0) >= int(getattr(settings, "COMMENTS_RATE_LIMIT", DEFAULT_LIMIT))


def rate_limit_consume(visitor: str) -> bool:
    """Count one comment; False when it is over the limit (it must then not be stored)."""
    return consume(_key(visitor), int(getattr(settings, "COMMENTS_RATE_LIMIT", DEFAULT_LIMIT)), window_seconds())


def consume(key: str, limit: int, window: int) -> bool:
    """Count one use under `key`; False when the window's `limit` is already used up.

    add() then incr() are both atomic in Redis and in the local-memory cache, so
    simultaneous requests from several processes each get a distinct count.
    """
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add() and incr(): this use opens a new one.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


CAPTCHA_REFRESH_LIMIT = 30  # new images per reader and window: far more than a person asks for


def captcha_refresh_allowed(visitor: str) -> bool:
    """Count one new captcha image; False past COMMENTS_CAPTCHA_REFRESH_LIMIT in the window
    (each one is a row in the database)."""
    limit = int(getattr(settings, "COMMENTS_CAPTCHA_REFRESH_LIMIT", CAPTCHA_REFRESH_LIMIT))
    return consume(f"comments:captcha:{visitor}", limit, window_seconds())
