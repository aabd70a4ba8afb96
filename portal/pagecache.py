"""A version number for every cached public page: bumping it invalidates them all at once.

Cheaper and safer than hunting keys: pages cached under the old version are simply never
read again and expire by themselves. Called when an article, a comment or the site
settings change in a way readers see.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

from . import caching

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:pagecache:version"
DUE_KEY = "portal:pagecache:due"
caching.read_ahead(VERSION_KEY, DUE_KEY)


def current_version() -> int:
    version = caching.read_many([VERSION_KEY]).get(VERSION_KEY)
    if version is None:
        first = _first_version()
        cache.add(VERSION_KEY, first, timeout=None)
        version = cache.get(VERSION_KEY) or first
        caching.remember(VERSION_KEY, version)
    return version


def read(keys=(), *, prime: bool = True) -> tuple[int, dict]:
    """The version, and the values under `keys`, in one cache round trip (raising like the
    cache). A scheduled article whose time has come bumps the version first, and nothing read
    with the old one is returned."""
    found = caching.read_many([VERSION_KEY, DUE_KEY, *keys], prime=prime)
    version = found.get(VERSION_KEY)
    if passed(found.get(DUE_KEY), time.time()):
        version, found = None, {}
    if version is None:
        version = current_version()
    return version, found


def version_now() -> int:
    """The version, after a scheduled article whose time has come has bumped it (both values
    come with the request's first cache round trip, so this usually costs nothing)."""
    return read()[0]


def _first_version() -> int:
    """Where a lost version starts again (a cache emptied, restarted, or evicting under memory
    pressure): the time in milliseconds, so it is never one that pages or fragments still in
    the cache were stored under (each change adds one; a thousand a second would be needed)."""
    return time.time_ns() // 1_000_000


def bump() -> None:
    """Invalidate every cached public page (atomic on Redis; shared by all app nodes).

    Now, so that this request sees it; and again when the transaction the change is part of
    commits, so that nothing a reader rendered in between (new version, old rows) stays.
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _bump() -> None:
    caching.forget_here(VERSION_KEY)
    if caching.is_down():
        logger.warning("page cache unavailable: pages expire by themselves")
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or it was lost): a new one, unlike any before
        cache.add(VERSION_KEY, _first_version(), timeout=None)
    except Exception:
        # The write that asked for this succeeded; a cache outage only delays what readers see.
        logger.warning("page cache unavailable: pages expire by themselves", exc_info=True)


# Scheduled articles go public when their time comes, with no save to bump the version then.
# The earliest such time is kept beside the version; the first anonymous request after it
# bumps the version (on whichever node it lands) and looks up the next one.
_due_sources = []


def register_due_source(source) -> None:
    """`source()` returns the next datetime at which readers' pages change by themselves, or None."""
    if source not in _due_sources:
        _due_sources.append(source)


def schedule(when) -> None:
    """Make sure cached pages are dropped at `when` (an aware datetime)."""
    timestamp = when.timestamp()
    caching.forget_here(DUE_KEY)
    try:
        current = cache.get(DUE_KEY)
        if current is None or timestamp < current:
            cache.set(DUE_KEY, timestamp, timeout=None)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)


def reschedule() -> None:
    """Look up the next time pages change by themselves (after an update() that sent no signal)."""
    try:
        upcoming = [when for when in (source() for source in _due_sources) if when is not None]
        if upcoming:
            schedule(min(upcoming))
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)


def passed(due, now: float) -> bool:
    """Given the due time read with the page, bump the version if it has come; True if it did."""
    if due is None or now < due:
        return False
    caching.forget_here(DUE_KEY)
    try:
        cache.delete(DUE_KEY)
        bump()
        upcoming = [when for when in (source() for source in _due_sources) if when is not None]
        if upcoming:
            schedule(min(upcoming))
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
    return True
