"""A version number for every cached public page and template fragment: bumping it
invalidates them all at once.

Cheaper and safer than hunting keys: what was cached under the old version is simply never
read again and expires by itself. Bumped when an article, a comment, a category or the site
settings change in a way readers see, and when a scheduled article's time comes.

The cache may be down (django-redis ignores the error): a read is then a miss, and a
version that cannot be read is a new one, so nothing cached is ever served.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "portal:pagecache:version"
DUE_KEY = "portal:pagecache:due"


def read(request=None, keys=()) -> tuple[int, dict]:
    """The version, and the values under `keys`, in one cache round trip. A scheduled article
    whose time has come bumps the version first, and nothing read under the old one is
    returned. With a request, the version is kept on it for the rest of the request."""
    found = cache.get_many([VERSION_KEY, DUE_KEY, *keys])
    version = found.get(VERSION_KEY)
    due = found.get(DUE_KEY)
    if due is not None and time.time() >= due:
        _passed()
        version, found = None, {}
    if version is None:
        cache.add(VERSION_KEY, _first_version(), timeout=None)
        version = cache.get(VERSION_KEY) or _first_version()
    if request is not None:
        request.page_version = version
    return version, found


def version(request=None) -> int:
    """The current version (read once per request when a request is given)."""
    known = getattr(request, "page_version", None)
    return known if known is not None else read(request)[0]


def _first_version() -> int:
    """Where a lost version starts again (a cache emptied, restarted, or evicting): the time in
    milliseconds, never one that pages still in the cache were stored under."""
    return time.time_ns() // 1_000_000


def bump() -> None:
    """Invalidate every cached public page, now and again when the current transaction commits
    (so that nothing a reader rendered in between, new version with old rows, stays)."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _bump() -> None:
    try:
        if cache.incr(VERSION_KEY) is not None:
            return
    except ValueError:  # no version yet, or it was lost
        pass
    cache.add(VERSION_KEY, _first_version(), timeout=None)


# Scheduled articles go public when their time comes, with no save to bump the version then.
# The earliest such time is kept beside the version; the first request after it bumps the
# version (on whichever node it lands) and looks up the next one. Apps register where such
# times come from, so that this module imports none of them.
_due_sources = []


def register_due_source(source) -> None:
    """`source()` returns the next datetime at which readers' pages change by themselves, or None."""
    if source not in _due_sources:
        _due_sources.append(source)


def schedule(when) -> None:
    """Make sure cached pages are dropped at `when` (an aware datetime)."""
    current = cache.get(DUE_KEY)
    if current is None or when.timestamp() < current:
        cache.set(DUE_KEY, when.timestamp(), timeout=None)


def reschedule() -> None:
    """Look up the next time pages change by themselves (after an update() that sent no signal)."""
    upcoming = [when for when in (source() for source in _due_sources) if when is not None]
    if upcoming:
        schedule(min(upcoming))


def _passed() -> None:
    cache.delete(DUE_KEY)
    bump()
    reschedule()
