"""Rendered parts of a page that every reader sees alike, kept in the cache between requests.

The page cache answers anonymous readers with whole pages; it cannot help a signed-in
editor, a page asked for with another query string, or the first reader after any change
(every change bumps the page-cache version and drops every page at once, which is exactly
when a flood of readers arrives). Fragments cover the dear parts of such renders: the
article's text, its comments, the list of other articles.

Each fragment is stored as ``(stamp, html)`` and used only when its stamp is the one the
page expects now, so nothing is ever stale and nothing needs deleting:

- ``versioned`` fragments (the default) carry the page-cache version: they are exactly as
  fresh as cached pages, whose invalidation is tested change by change;
- a fragment may add its own stamp (the article's ``updated_at`` for its text), and one that
  depends on nothing else sets ``versioned=False`` and so outlives unrelated changes;
- every stamp includes the release (DJANGO_RELEASE if set, and a digest of the names and
  modification times of the templates, translations, code and static manifest), so a deploy
  never serves HTML of the old one.

All fragments of a page are read in one cache round trip, together with the page-cache
version and the due time of scheduled articles. A cache outage costs rendering, not pages.
"""

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from . import caching, pagecache

logger = logging.getLogger(__name__)


def _release():
    """What identifies the code, templates, translations and static files this process serves:
    DJANGO_RELEASE if the deployment sets it (a git SHA, an image digest), and a digest of the
    name and modification time of each of them (read once per process), so that a file
    deleted, added or changed, even one given an older time, makes another release."""
    base = Path(settings.BASE_DIR)
    sources = [*(Path(d) for d in settings.TEMPLATES[0]["DIRS"]), *(Path(d) for d in settings.LOCALE_PATHS),
               *(base / app for app in ("portal", "articles", "comments", "stats"))]
    files = [path for directory in sources for pattern in ("*.html", "*.mo", "*.py")
             for path in directory.rglob(pattern)]
    manifest = Path(settings.STATIC_ROOT or base) / "staticfiles.json"  # hashed names of CSS and JS
    if manifest.exists():
        files.append(manifest)
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        try:
            digest.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode("utf-8", "surrogateescape"))
        except FileNotFoundError:  # removed while we looked: a deploy in progress
            continue
    return os.environ.get("DJANGO_RELEASE", ""), digest.hexdigest()[:16]


RELEASE = None


def release():
    """This process's release (see _release), worked out once."""
    global RELEASE
    if RELEASE is None:
        RELEASE = _release()
    return RELEASE


@dataclass
class Fragment:
    name: str
    key: str
    render: Callable[[], str]
    stamp: object = None
    versioned: bool = True


def _read(keys):
    """The page-cache version and the values under `keys` in one round trip, or None when the
    cache does not answer (then everything is rendered, or read from the database)."""
    try:
        return pagecache.read(keys)
    except Exception as error:
        if not isinstance(error, caching.CacheDown):  # that one was logged where it first failed
            logger.warning("fragment cache unavailable", exc_info=True)
        return None


def _store(values: dict, seconds: int) -> None:
    if values and not caching.is_down():
        try:
            cache.set_many(values, seconds)
        except Exception:
            logger.warning("fragment cache unavailable", exc_info=True)


def fetch(fragments: list[Fragment]) -> dict[str, SafeString]:
    """The HTML of each fragment by name: from the cache when its stamp still holds, else rendered."""
    seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 600)
    # A fragment without a key is rendered every time (the search page's navigation, say).
    keys = [f"fragment:{fragment.key}" if fragment.key else "" for fragment in fragments]
    read = _read([key for key in keys if key]) if seconds else None
    if read is None:
        return {fragment.name: mark_safe(fragment.render()) for fragment in fragments}
    version, found = read
    current = release()
    html, missing = {}, {}
    for fragment, key in zip(fragments, keys):
        # A callable stamp is read now, after the round trip (it may need a value it brought).
        own = fragment.stamp() if callable(fragment.stamp) else fragment.stamp
        stamp = (current, version if fragment.versioned else None, own)
        stored = found.get(key)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == stamp:
            html[fragment.name] = mark_safe(stored[1])
        else:
            rendered = str(fragment.render())
            html[fragment.name] = mark_safe(rendered)
            if key:
                missing[key] = (stamp, rendered)
    _store(missing, seconds)
    return html


def row_key(key: str) -> str:
    """Where fetch_row keeps a row: the release is part of the key."""
    return f"row:{hashlib.sha256(repr(release()).encode()).hexdigest()[:12]}:{key}"


def fetch_row(key: str, load: Callable[[], object]):
    """A database row every reader sees alike (a public article), kept like a versioned
    fragment: used only while the page-cache version it was stored under holds, so any change
    readers see makes it read again; never stored when `load()` finds nothing. The key holds
    the release, so a row pickled by other code is never even unpickled."""
    seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 600)
    if not seconds:
        return load()
    key = row_key(key)
    read = _read([key])
    if read is None:
        return load()
    version, found = read
    stored = found.get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == version:
        return stored[1]
    row = load()
    if row is not None:
        _store({key: (version, row)}, seconds)
    return row
