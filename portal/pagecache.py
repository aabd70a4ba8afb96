"""A version number for every cached public page: bumping it invalidates them all at once.

Cheaper and safer than hunting keys: pages cached under the old version are simply never
read again and expire by themselves. Called when an article, a comment or the site
settings change in a way readers see.
"""

from django.core.cache import cache

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
