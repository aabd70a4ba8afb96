"""Who is reading, without a cookie and without keeping the IP address.

A reader is a keyed hash of IP address and user agent under a salt that changes every
day, so the same person is recognised within a day and cannot be followed across days.
The address alone, for the cap on new readers per address, is hashed the same way.
"""

import hashlib
import hmac
import ipaddress
from datetime import date
from functools import lru_cache

from crawlerdetect import CrawlerDetect
from django.conf import settings

_crawlers = CrawlerDetect()


def daily_salt(day: date, purpose: str = "reader") -> bytes:
    """HMAC(SECRET_KEY, day): different every day, unknown to anyone without the key."""
    return hmac.new(settings.SECRET_KEY.encode(), f"stats.{purpose}:{day.isoformat()}".encode(),
                    hashlib.sha256).digest()


def reader_key(*, ip: str, user_agent: str, day: date) -> str:
    """128 bits are plenty to tell a day's readers apart."""
    message = f"{ip}\n{user_agent}".encode("utf-8", "replace")
    return hmac.new(daily_salt(day), message, hashlib.sha256).hexdigest()[:32]


def address_key(*, ip: str, day: date) -> str:
    """The address a reader comes from, as the cap on new readers counts it (limits.py).

    An IPv6 address counts by its /64, which is one subscriber's (who may use any of it).
    """
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        address = None
    if isinstance(address, ipaddress.IPv6Address):
        address = address.ipv4_mapped or ipaddress.ip_network(f"{address}/64", strict=False)
    network = str(address or ip)
    return hmac.new(daily_salt(day, "address"), network.encode("utf-8", "replace"),
                    hashlib.sha256).hexdigest()[:32]


@lru_cache(maxsize=2048)
def is_bot(user_agent: str) -> bool:
    """Known crawlers, by the maintained patterns of crawlerdetect; no user agent at all is a bot too."""
    user_agent = (user_agent or "").strip()
    return not user_agent or _crawlers.is_crawler(user_agent[:1000])
