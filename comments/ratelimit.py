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
    """Count one comment; False when it is over the limit (it must then not be stored).

    add() then incr() are both atomic in Redis and in the local-memory cache, so
    simultaneous requests from several processes each get a distinct count.
    """
    key = _key(visitor)
    cache.add(key, 0, timeout=window_seconds())
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add() and incr(): this comment opens a new one.
        cache.add(key, 1, timeout=window_seconds())
        count = 1
    return count <= int(getattr(settings, "COMMENTS_RATE_LIMIT", DEFAULT_LIMIT))
