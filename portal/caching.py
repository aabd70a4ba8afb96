"""Reading through Django's cache without ever depending on it: an outage costs work, not pages.

Within a request, the values nearly every page reads (site settings, navigation, the
footer's figures, the page-cache version: see `read_ahead`) come in one round trip with the
first read, and each value is read at most once (`RequestCacheMiddleware` keeps them for the
request only). A page thus costs one or two cache round trips instead of one per value (the
article page two: its row with the read-ahead, then its fragments).
"""

import logging
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# Keys read together with the first cache read of every request (apps add theirs at import).
READ_AHEAD: list[str] = []
_ABSENT = object()
_PRIMED = object()
_DOWN = object()


_request_values: ContextVar[dict | None] = ContextVar("portal_request_cache_values", default=None)


class CacheDown(Exception):
    """The cache failed earlier in this request; it is not asked again."""


def is_down() -> bool:
    """Whether the cache failed earlier in this request (writes are then skipped too)."""
    values = _request_values.get()
    return values is not None and _DOWN in values


def read_ahead(*keys: str) -> None:
    """Read these keys, on every request, with its first cache read."""
    for key in keys:
        if key not in READ_AHEAD:
            READ_AHEAD.append(key)


def read_many(keys, *, prime: bool = True) -> dict:
    """Like cache.get_many (and raising like it); in a request, also reads the READ_AHEAD keys
    the first time (unless prime=False) and answers again from what it read."""
    values = _request_values.get()
    if values is None:
        return cache.get_many(keys)
    wanted = [key for key in keys if key not in values]
    if wanted and _DOWN in values:
        raise CacheDown("the cache did not answer earlier in this request")
    if prime and _PRIMED not in values:
        values[_PRIMED] = True
        wanted += [key for key in READ_AHEAD if key not in values and key not in wanted]
    if wanted:
        try:
            found = cache.get_many(wanted)
        except Exception:
            # A cache that timed out once is not waited for again in this request: a hanging
            # Redis costs each request one timeout, not one per value it reads.
            values[_DOWN] = True
            raise
        for key in wanted:
            values[key] = found.get(key, _ABSENT)
    return {key: values[key] for key in keys if values.get(key, _ABSENT) is not _ABSENT}


def remember(key: str, value) -> None:
    """What this request now knows `key` holds (after writing it)."""
    values = _request_values.get()
    if values is not None:
        values[key] = value


def forget_here(key: str) -> None:
    """Read `key` again if this request asks for it again (it has just changed)."""
    values = _request_values.get()
    if values is not None:
        values.pop(key, None)


def cached(key: str, compute, timeout=None):
    """The value under `key`, computed (and stored for `timeout` seconds, None: forever) on a miss."""
    try:
        value = read_many([key]).get(key)
    except CacheDown:  # already logged
        value = compute()
        remember(key, value)
        return value
    except Exception:
        logger.warning("cache unavailable", exc_info=True)
        value = compute()
        remember(key, value)
        return value
    if value is None:
        value = compute()
        if not is_down():
            try:
                cache.set(key, value, timeout)
            except Exception:
                logger.warning("cache unavailable", exc_info=True)
        remember(key, value)
    return value


def forget(key: str) -> None:
    """Drop `key` now, and again when the current transaction commits: a reader who cached the
    old value in between (before the commit, the database still showed it) is not believed."""
    _forget(key)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _forget(key))


def _forget(key: str) -> None:
    forget_here(key)
    try:
        cache.delete(key)
    except Exception:
        logger.warning("cache unavailable", exc_info=True)


class RequestCacheMiddleware:
    """Keeps the cache values a request has read for that request only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_values.set({})
        try:
            return self.get_response(request)
        finally:
            _request_values.reset(token)
