"""The exports the import reads, each as a sequence of items: the list's REST answers (JSON
pages), its "Export to Excel" table (CSV or XLSX), or a folder of saved article pages."""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import openpyxl
from django.utils.translation import gettext as _

from . import pages
from .mapping import Mapping, text

PAGE_SUFFIXES = {".html", ".htm", ".aspx"}


class SourceError(Exception):
    """The export as a whole cannot be read."""


@dataclass
class Item:
    row: int  # the line of the table, or the item's place in the pages or folder, from 1
    key: str
    fields: dict
    attachments: list = field(default_factory=list)  # addresses or file names of its attachments
    unknown: list = field(default_factory=list)  # columns no mapping names

    @property
    def label(self) -> str:
        return text(self.fields.get("title"))[:120]


def kind_of(source: Path) -> str:
    if source.is_dir():
        if any(p.suffix.lower() == ".json" for p in source.iterdir()):
            return "json"
        for suffix in (".csv", ".xlsx"):
            if any(p.suffix.lower() == suffix for p in source.iterdir()):
                return suffix[1:]
        return "pages"
    suffix = source.suffix.lower()
    if suffix in (".json", ".csv", ".xlsx"):
        return suffix[1:]
    if suffix in PAGE_SUFFIXES:
        return "pages"
    raise SourceError(_("The source must be a JSON, CSV or XLSX export, or a folder of saved pages."))


def digest(source: Path) -> str:
    """The export's content hashed (every file of a folder, in order), to know a run of the
    same export again."""
    hashed = hashlib.sha256()
    files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
    for path in files:
        if source.is_dir() and path.suffix.lower() not in {".json", ".csv", ".xlsx", *PAGE_SUFFIXES}:
            continue
        hashed.update(str(path.relative_to(source) if source.is_dir() else path.name).encode())
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                hashed.update(chunk)
    return hashed.hexdigest()


def read(source: Path, mapping: Mapping) -> list[Item]:
    if not source.exists():
        raise SourceError(_("%(source)s does not exist.") % {"source": source.name})
    kind = kind_of(source)
    if kind == "pages":
        return _pages(source)
    if kind == "json":
        records = _json_records(source)
    else:
        table = source if source.is_file() else next(p for p in sorted(source.iterdir())
                                                    if p.suffix.lower() == f".{kind}")
        records = _table(table, kind)
    return [_item(row, record, mapping) for row, record in records]


def _item(row: int, record: dict, mapping: Mapping) -> Item:
    fields, unknown, attachments = {}, [], []
    for name, value in record.items():
        ours = mapping.field_of(name)
        if ours is None:
            if value not in (None, "") and not str(name).startswith(("__", "odata", "@odata")):
                unknown.append(str(name))
            continue
        if ours == "attachments":
            attachments.extend(_attachments(value))
            value = bool(attachments) or text(value).lower() in ("true", "yes", "1", "có")
        if ours not in fields or fields[ours] in (None, ""):
            fields[ours] = value
    item_id = text(fields.get("id"))
    if item_id.endswith(".0"):
        item_id = item_id[:-2]
    friendly = text(fields.get("friendly_name"))
    if item_id:
        key = f"id:{item_id}"
    elif friendly:
        key = f"name:{friendly.lower()}"
    else:
        seed = f"{text(fields.get('title'))}|{text(fields.get('publish_at'))}"
        key = "title:" + hashlib.sha256(seed.encode()).hexdigest()[:32]
    fields["id"] = item_id
    return Item(row=row, key=key, fields=fields, attachments=attachments, unknown=unknown)


def _attachments(value) -> list[str]:
    if isinstance(value, dict):
        value = value.get("results", [])
    if isinstance(value, list):
        found = []
        for entry in value:
            if isinstance(entry, dict):
                found.append(text(entry.get("ServerRelativeUrl") or entry.get("FileName")))
            else:
                found.append(text(entry))
        return [name for name in found if name]
    names = [part.strip() for part in re.split(r"[;\n]", text(value))]
    return [name for name in names if name and name.lower() not in ("true", "false", "yes", "no", "có", "không")]


# -- JSON: the REST API's pages -------------------------------------------------------------------
def _json_records(source: Path):
    starts = sorted(p for p in source.iterdir() if p.suffix.lower() == ".json") if source.is_dir() else [source]
    seen_files, row = set(), 0
    for start in starts:
        page = start
        while page is not None and page not in seen_files:
            seen_files.add(page)
            try:
                data = json.loads(page.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as error:
                raise SourceError(_("%(file)s is not a JSON page of the list: %(error)s")
                                  % {"file": page.name, "error": str(error)[:200]}) from None
            body = data.get("d", data) if isinstance(data, dict) else {}
            results = body.get("results", body.get("value")) if isinstance(body, dict) else None
            if not isinstance(results, list):
                raise SourceError(_("%(file)s holds no d.results or value list.") % {"file": page.name})
            for record in results:
                row += 1
                yield row, record if isinstance(record, dict) else {}
            link = body.get("__next") or data.get("odata.nextLink") or data.get("@odata.nextLink")
            page = _next_page(page.parent, link) if isinstance(link, str) else None


def _next_page(folder: Path, link: str) -> Path | None:
    """The saved file a `__next` link names: its last segment and query as a browser or wget
    saves it (as written, decoded, or with characters a file name cannot hold replaced)."""
    parts = urlsplit(link)
    tail = parts.path.rsplit("/", 1)[-1] + (f"?{parts.query}" if parts.query else "")
    names = [tail, unquote(tail), quote(unquote(tail), safe=""), re.sub(r"[^\w.=-]+", "_", unquote(tail))]
    for name in names:
        for candidate in (name, f"{name}.json"):
            path = folder / candidate
            if candidate and "/" not in candidate and path.is_file():
                return path
    return None


# -- CSV and XLSX: "Export to Excel" --------------------------------------------------------------
def _table(path: Path, kind: str):
    if kind == "csv":
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("cp1258")
        try:
            dialect = csv.Sniffer().sniff(content[:8192], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = csv.reader(io.StringIO(content, newline=""), dialect)
    else:
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise SourceError(_("%(file)s is not a readable XLSX workbook.") % {"file": path.name}) from None
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
    header = None
    for line, values in enumerate(rows, start=1):
        if header is None:
            header = [text(name) for name in values]
            continue
        if not any(value not in (None, "") for value in values):
            continue
        yield line, dict(zip(header, values))
    if header is None:
        raise SourceError(_("%(file)s is empty.") % {"file": path.name})


# -- saved pages -----------------------------------------------------------------------------------
def _pages(source: Path) -> list[Item]:
    files = [source] if source.is_file() else sorted(
        p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
    items = []
    for row, path in enumerate(files, start=1):
        try:
            html = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            html = path.read_text(encoding="cp1258", errors="replace")
        fields = pages.extract(html)
        friendly = fields.get("friendly_name") or re.sub(r"(\.aspx)?\.html?$|\.aspx$", "", path.name, flags=re.I)
        fields["friendly_name"] = friendly
        key = f"id:{fields['id']}" if fields.get("id") else f"name:{friendly.lower()}"
        items.append(Item(row=row, key=key, fields=fields))
    return items
