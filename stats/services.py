"""Counting page views, visits, readers online and reads; the figures shown to readers."""

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from articles.models import Article, Category

from portal.models import SiteSettings

from .counters import View, counter
from .rankings import most_read_refresh
from .reports import cached, rankings_forget
from .readers import address_key, reader_key

logger = logging.getLogger(__name__)

# The pages readers read. Feeds, files, the sitemap, the admin and errors are not page views.
PUBLIC_VIEWS = {
    "articles:home", "articles:category", "articles:detail", "articles:archive",
    "articles:archive_month", "articles:search", "portal:about",
    "documents:list", "documents:drafts", "documents:detail", "documents:opinion",
    "questions:list", "questions:ask", "questions:field", "questions:detail",
}
LOOKUP_TIMEOUT = 60
FOOTER_KEY = "stats:footer:v1"
FOOTER_TIMEOUT = 60
UNAVAILABLE = {"counted": False, "visits": None, "online": None, "reads": None}


@dataclass
class Page:
    path: str
    language: str
    article_id: int | None = None


def page_resolve(path: str) -> Page | None:
    """The public page at this path, or None when the path is not one a reader can see
    (kept a few seconds in the process, as the look-ups it makes)."""
    return _in_process(f"page:{path[:600]}", lambda: _page_resolve(path))


def _page_resolve(path: str) -> Page | None:
    path = unquote(path.split("?", 1)[0].split("#", 1)[0])
    if not path.startswith("/") or len(path) > 500:
        return None
    languages = {code for code, _name in settings.LANGUAGES}
    language = path.split("/")[1] if path.count("/") >= 2 else ""
    if language not in languages:
        return None
    # The language prefix only matches the active language's URL patterns.
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    if match.view_name not in PUBLIC_VIEWS:
        return None
    page = Page(path=path, language=language)
    if match.view_name == "articles:detail":
        page.article_id = _published_article(match.kwargs["slug"])
        if page.article_id is None:
            return None
    elif match.view_name == "articles:category" and not _category_exists(match.kwargs["slug"]):
        return None
    return page


def _cached(key: str, compute):
    """A short-lived lookup, kept a few seconds in the process too (the beacon asks the same
    ones thousands of times a second)."""
    return _in_process(key, lambda: cached(key, compute, LOOKUP_TIMEOUT))


# Beacons ask the same few questions (is this article published? the online window, the
# visits offset) thousands of times a second. Answers are kept in the process for
# STATS_LOCAL_SECONDS (default 10), on top of the cache's LOOKUP_TIMEOUT: an article taken
# down, or a changed offset, is seen by the counters at most that much later; pages are not
# affected.
_local: dict = {}


def _in_process(key: str, compute):
    seconds = getattr(settings, "STATS_LOCAL_SECONDS", 10)
    if not seconds:
        return compute()
    now = time.monotonic()
    found = _local.get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = compute()
    if len(_local) > 10_000:  # bounded: paths are the readers' input
        _local.clear()
    _local[key] = (now + seconds, value)
    return value


def _site_for_counting():
    """(online window in seconds, visits offset) of the site settings."""
    def read():
        site = SiteSettings.load()
        return site.online_window_minutes * 60, site.visits_offset

    return _in_process("site", read)


def _published_article(slug: str) -> int | None:
    return _cached(f"stats:article:{slug}", lambda: Article.objects.published().filter(slug=slug)
                   .values_list("pk", flat=True).first() or 0) or None


def _category_exists(slug: str) -> bool:
    return _cached(f"stats:category:{slug}", lambda: Category.objects.filter(slug=slug).exists())


def online_window() -> int:
    return SiteSettings.load().online_window_minutes * 60


def view_record(*, page: Page, ip: str, user_agent: str, now: datetime | None = None) -> dict:
    """Record one page view of a public page; return the fresh figures for the footer.

    ``limited`` is True when the reader passed the hourly ceiling. A new reader past their
    address's cap is not counted and gets no numbers, as when the store could not give them
    (None); a failing store is logged and answered, never raised.
    """
    now = now or timezone.now()
    day = timezone.localdate(now)
    view = View(reader=reader_key(ip=ip, user_agent=user_agent, day=day), day=day, now=int(now.timestamp()),
                language=page.language, article_id=page.article_id, address=address_key(ip=ip, day=day))
    try:
        online_window, visits_offset = _site_for_counting()
        recorded = counter().record(view, online_window=online_window)
    except Exception as error:  # Redis or the database is down: the page must not notice.
        # The error's class only: its message might carry the reader's hash.
        logger.warning("stats: a page view could not be recorded (%s)", type(error).__name__)
        return dict(UNAVAILABLE)
    if recorded.capped:  # a 200 like any other, not an error: the page must not notice
        return dict(UNAVAILABLE)
    if not recorded.counted:
        return {"counted": False, "limited": True}
    visits = recorded.visits
    return {
        "counted": recorded.counted,
        "visits": None if visits is None else visits + visits_offset,
        "online": recorded.online,
        "reads": recorded.reads,
    }


def figures_current(*, now: datetime | None = None) -> dict:
    """Visits so far (with the site's starting offset) and readers online now."""
    now = now or timezone.now()
    site = SiteSettings.load()
    store = counter()
    return {
        "visits": store.total_visits() + site.visits_offset,
        "online": store.online(now=int(now.timestamp()), window=site.online_window_minutes * 60),
    }


def figures_cached() -> dict | None:
    """The footer's figures, at most a minute old: one cache read on a hit; None if unavailable."""
    figures = cache.get(FOOTER_KEY)
    if figures is None:
        try:
            figures = figures_current()
        except Exception as error:  # the counters' store is down: the page must not notice
            logger.warning("stats: the footer's figures are unavailable (%s)", type(error).__name__)
            return None
        cache.set(FOOTER_KEY, figures, FOOTER_TIMEOUT)
    return figures


def stats_flush(*, now: datetime | None = None) -> int:
    """Fold Redis counters into the database (idempotent), forget stale reader state, and
    rank the articles read most in the last days again (pages show that ranking as it is)."""
    now = now or timezone.now()
    flushed = counter().flush(now=int(now.timestamp()), today=timezone.localdate(now))
    most_read_refresh(today=timezone.localdate(now))
    rankings_forget()
    return flushed
