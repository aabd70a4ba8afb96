"""A version number for every cached public page: bumping it invalidates them all at once.

Cheaper and safer than hunting keys: pages cached under the old version are simply never
read again and expire by themselves. Called when an article, a comment or the site
settings change in a way readers see.
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:pagecache:version"


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY) or 1
    return version


def bump() -> None:
    """Invalidate every cached public page (atomic on Redis; shared by all app nodes)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, timeout=None)
    except Exception:
        # The write that asked for this succeeded; a cache outage only delays what readers see.
        logger.warning("page cache unavailable: pages expire by themselves", exc_info=True)
