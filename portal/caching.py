"""Reading through Django's cache without ever depending on it: an outage costs work, not pages."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cached(key: str, compute, timeout=None):
    """The value under `key`, computed (and stored for `timeout` seconds, None: forever) on a miss."""
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("cache unavailable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("cache unavailable", exc_info=True)
    return value


def forget(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:
        logger.warning("cache unavailable", exc_info=True)
