"""The import of an old portal's export: every item in its own transaction, keyed by the old
item, so a second run updates, an interrupted run resumes and a bad item stops nothing."""

import json
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, override

from articles.models import Article
from articles.text import slug_from
from portal.addresses import slug_address

from . import items as item_import, sources
from .mapping import Mapping, decimal, moment, text
from .media import MediaFolder
from .models import ImportRun, LegacyItem, OldAddress

PROGRESS_EVERY = 25
CHUNK = 900  # keys per IN (...) query: under SQLite's limit of bound values


class Interrupted(Exception):
    """Raised by a progress callback to stop the run where it is (it then resumes)."""


def portal_import(*, source, mapping: Mapping | None = None, media=None, base_url: str = "", by=None,
                  dry_run: bool = False, label: str = "", progress: Callable | None = None) -> ImportRun:
    """Import `source` (a JSON, CSV or XLSX export or a folder of saved pages) with its files
    from `media` (by default the source's own folder). Returns the run with its report."""
    source = Path(source)
    mapping = mapping or Mapping.load()
    found = sources.read(source, mapping)
    digest = sources.digest(source)
    run = ImportRun.objects.create(source=(label or source.name)[:300], digest=digest, dry_run=dry_run, by=by,
                                   total=len(found))
    unfinished = (ImportRun.objects.filter(digest=digest, dry_run=False, status__in=[ImportRun.Status.RUNNING,
                                                                                      ImportRun.Status.FAILED])
                  .exclude(pk=run.pk).order_by("-pk").first())
    if unfinished and not dry_run:
        run.resumed_from = unfinished.position
        ImportRun.objects.filter(status=ImportRun.Status.RUNNING, digest=digest).exclude(pk=run.pk).update(
            status=ImportRun.Status.FAILED)
    media_folder = MediaFolder(media or (source if source.is_dir() else source.parent), base_url)
    context = item_import.Context(mapping=mapping, media=media_folder, by=by)
    slugs, seen = _plan(found, context), set()
    known = context.known
    try:
        for position, item in enumerate(found, start=1):
            if position > run.resumed_from:
                _one(item, slugs[item.key], known, seen, context, run, dry_run)
            run.position = position
            if progress:
                progress(run)
            if position % PROGRESS_EVERY == 0:
                _save(run)
    except BaseException:
        run.status = ImportRun.Status.FAILED
        _save(run)
        raise
    run.status, run.finished_at = ImportRun.Status.FINISHED, timezone.now()
    _save(run)
    return run


def _save(run):
    run.save(update_fields=["position", "created", "updated", "skipped", "failed", "problems", "status",
                            "finished_at", "resumed_from"])


def _one(item, slug, known, seen, context, run, dry_run):
    if item.key in seen:
        run.failed += 1
        _problem(run, item, "error", _("The same old item is on an earlier row (%(key)s).")
                 % {"key": item.key.split(":", 1)[-1][:60]})
        return
    seen.add(item.key)
    if known.get(item.key) == item_import.checksum(item) or dry_run:
        run.skipped += known.get(item.key) == item_import.checksum(item)
        if dry_run and known.get(item.key) != item_import.checksum(item):
            _dry_check(item, run)
        return
    warnings = []
    context.claimed.clear()
    context.fresh.clear()
    try:
        with transaction.atomic():
            _article, created = item_import.store(item, slug=slug, context=context, warnings=warnings)
        context.owners.update(context.claimed)
    except Exception as error:  # noqa: BLE001 (a bad row never stops the import)
        # Rolled back: the categories, types and library images it made are gone too.
        for cache, key in context.fresh:
            cache.pop(key, None)
        run.failed += 1
        reason = str(error) if isinstance(error, item_import.ItemError) else (
            _("Unexpected error: %(error)s") % {"error": type(error).__name__})
        _problem(run, item, "error", reason)
        return
    if created:
        run.created += 1
    else:
        run.updated += 1
    for warning in warnings:
        _problem(run, item, "warning", warning)
    if item.unknown and item.row == 1:
        _problem(run, item, "warning", _("Columns no mapping names were left out: %(names)s.")
                 % {"names": ", ".join(item.unknown[:20])})


def _dry_check(item, run):
    """What a dry run can tell without writing: the title and the dates."""
    if not text(item.fields.get("title")):
        run.failed += 1
        _problem(run, item, "error", _("The item has no title."))
        return
    try:
        moment(item.fields.get("publish_at"))
        decimal(item.fields.get("coefficient"))
    except ValueError as error:
        run.failed += 1
        _problem(run, item, "error", str(error))


def _problem(run, item, level, reason):
    run.problems.append({"row": item.row, "item": item.key.split(":", 1)[-1][:80], "title": item.label,
                         "level": level, "reason": str(reason)[:500]})


def _plan(found, context) -> dict:
    """Every item's article address before any is written, so a link from an old article to one
    later in the export already leads to its new address."""
    keys = [item.key for item in found]
    existing = {}
    for start in range(0, len(keys), CHUNK):
        for key, checksum, slug in LegacyItem.objects.filter(key__in=keys[start:start + CHUNK]).values_list(
                "key", "checksum", "article__slug"):
            existing[key], context.known[key] = slug, checksum
    taken = set(Article.objects.values_list("slug", flat=True))
    slugs = {}
    for item in found:
        if item.key in slugs:
            continue
        slug = existing.get(item.key)
        if slug is None:
            base = slug_from(text(item.fields.get("friendly_name")) or text(item.fields.get("title")), 190)
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
        slugs[item.key] = slug
    with override("vi"):
        for item in found:
            path = slug_address("articles:detail", slugs[item.key])
            for address in context.mapping.addresses(text(item.fields.get("id")),
                                                     text(item.fields.get("friendly_name"))):
                context.addresses.setdefault(OldAddress.normalise(address), path)
    addresses = list(context.addresses)
    for start in range(0, len(addresses), CHUNK):
        context.owners.update(OldAddress.objects.filter(key__in=addresses[start:start + CHUNK])
                              .values_list("key", "article_id"))
    return slugs


def report_text(run: ImportRun) -> str:
    """The report as a file: the counts, then each problem with its row and reason."""
    started = timezone.localtime(run.started_at).strftime("%d/%m/%Y %H:%M")
    lines = [_("Import of %(source)s, %(date)s") % {"source": run.source, "date": started},
             _("Created: %(n)d, updated: %(u)d, skipped: %(s)d, errors: %(e)d, of %(t)d items.")
             % {"n": run.created, "u": run.updated, "s": run.skipped, "e": run.failed, "t": run.total}]
    if run.resumed_from:
        lines.append(_("Resumed after item %(n)d of an interrupted run.") % {"n": run.resumed_from})
    if run.dry_run:
        lines.append(_("Dry run: nothing was imported."))
    row = _("row")
    for problem in run.problems:
        level = _("error") if problem["level"] == "error" else _("warning")
        lines.append(f"{row} {problem['row']}\t{level}\t{problem['item']}\t{problem['title']}\t{problem['reason']}")
    return "\n".join(lines) + "\n"


def report_json(run: ImportRun) -> str:
    return json.dumps({"source": run.source, "created": run.created, "updated": run.updated,
                       "skipped": run.skipped, "errors": run.failed, "total": run.total,
                       "resumed_from": run.resumed_from, "dry_run": run.dry_run, "problems": run.problems},
                      ensure_ascii=False, indent=1)
