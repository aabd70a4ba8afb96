"""How much one reader, and one address, may add to the counts.

A reader (address and browser) may send ``STATS_BEACON_LIMIT`` beacons an hour; past it they
are refused. An address may bring ``STATS_NEW_READERS_PER_ADDRESS`` new readers in
``STATS_NEW_READERS_WINDOW`` seconds: a generous number an office behind one address does not
reach, while one client rotating its user agent cannot pass for thousands of readers. New
readers past it are answered as usual and count nothing. Settings are read at call time.
"""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def beacon_limit() -> int:
    return getattr(settings, "STATS_BEACON_LIMIT", 300)


def new_readers_cap() -> tuple[int, int]:
    """(new readers an address may bring, in how many seconds); 0 readers turns the cap off."""
    cap = getattr(settings, "STATS_NEW_READERS_PER_ADDRESS", 100)
    return max(cap, 0), max(getattr(settings, "STATS_NEW_READERS_WINDOW", 600), 1)


def cap_key(address: str, *, now: int, window: int) -> str:
    # The window's number is in the key, so a window starts from nothing by the beacon's own
    # clock; the key lives one window.
    return f"new:{address}:{now // window}"


def cap_passed(new_readers: int, cap: int, window: int) -> bool:
    if new_readers == cap + 1:  # once per address and window; never which address
        logger.warning("stats: an address brought more than %d new readers in %d seconds; "
                       "the rest of them are not counted (STATS_NEW_READERS_PER_ADDRESS)", cap, window)
    return new_readers > cap


def cache_allows_new_reader(address: str, *, now: int) -> bool:
    """Without Redis the cap is counted in the default cache (add and incr are atomic there)."""
    cap, window = new_readers_cap()
    if not cap:
        return True
    key = "stats:" + cap_key(address, now=now, window=window)
    cache.add(key, 0, window)
    try:
        new_readers = cache.incr(key)
    except ValueError:  # expired between the two calls: its window is over
        return True
    # None: a cache that is down ignores errors; the cap is a defence, not a reason to lose counts.
    return new_readers is None or not cap_passed(new_readers, cap, window)
