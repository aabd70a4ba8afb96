"""Bulk import of documents from a CSV or XLSX file: every row checked first, then all of them
stored in one transaction, or none (a file with a rejected row imports nothing: the office fixes
the rows the report names and imports the file again).

The columns, named in the first row (Vietnamese or English, any case, with or without marks):
number (Số/Ký hiệu), type (Loại văn bản), issuer (Cơ quan ban hành), field (Lĩnh vực), signer
(Người ký), issue date (Ngày ban hành), effective date (Ngày hiệu lực), expiry date (Ngày hết
hiệu lực), summary (Trích yếu), summary in English (Trích yếu tiếng Anh). Types, issuers and
fields must be in the managed lists (by their Vietnamese or English name).
"""

import csv
import datetime
import io
import os
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, pgettext

from articles.text import search_normalise, slug_from
from portal import pagecache
from portal.dates import year_in_range

from .models import Approval, Document, DocumentType, Issuer, Sector
from .text import fold_number, number_slug_source, padded

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
NUMBER_MAX = Document._meta.get_field("number").max_length
SIGNER_MAX = Document._meta.get_field("signer").max_length
SUMMARY_MAX = Document._meta.get_field("summary").max_length

# The folded header -> the column it names.
COLUMNS = {
    "number": "number", "so_ky_hieu": "number", "so_hieu": "number", "so": "number", "ky_hieu": "number",
    "number_and_symbol": "number",
    "type": "type", "loai": "type", "loai_van_ban": "type", "document_type": "type",
    "issuer": "issuer", "co_quan_ban_hanh": "issuer", "issuing_body": "issuer", "noi_ban_hanh": "issuer",
    "field": "field", "linh_vuc": "field", "sector": "field",
    "signer": "signer", "nguoi_ky": "signer",
    "issue_date": "issue_date", "ngay_ban_hanh": "issue_date",
    "effective_date": "effective_date", "ngay_hieu_luc": "effective_date", "ngay_co_hieu_luc": "effective_date",
    "expiry_date": "expiry_date", "ngay_het_hieu_luc": "expiry_date",
    "summary": "summary_vi", "trich_yeu": "summary_vi", "summary_vi": "summary_vi", "trich_yeu_vi": "summary_vi",
    "summary_en": "summary_en", "trich_yeu_tieng_anh": "summary_en", "summary_in_english": "summary_en",
    "trich_yeu_en": "summary_en",
}
REQUIRED = ("number", "type", "issuer", "issue_date", "summary_vi")


class ImportFileError(Exception):
    """The file as a whole cannot be read (its type, size, header)."""


@dataclass
class Row:
    line: int
    number: str = ""
    errors: list = field(default_factory=list)
    document: Document | None = None

    @property
    def accepted(self) -> bool:
        return not self.errors


@dataclass
class Report:
    rows: list
    imported: int = 0
    dry_run: bool = True

    @property
    def rejected(self) -> list:
        return [row for row in self.rows if row.errors]

    @property
    def accepted(self) -> list:
        return [row for row in self.rows if not row.errors]


def _header_key(text) -> str:
    return "_".join(search_normalise(str(text or "")).split())


def read_rows(upload) -> list[dict]:
    """The file's rows as {column: text or date}, the header resolved to our columns."""
    name = (getattr(upload, "name", "") or "").lower()
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB."))
    extension = os.path.splitext(name)[1]
    if extension == ".csv":
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("The CSV file is not in UTF-8. Save it again as “CSV UTF-8”."))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        table = list(csv.reader(io.StringIO(text), dialect))
    elif extension == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(upload, read_only=True, data_only=True)
        except Exception:
            raise ImportFileError(_("The file is not a readable XLSX workbook."))
        try:
            sheet = book.worksheets[0]
            table = []
            for values in sheet.iter_rows(values_only=True):
                table.append(list(values))
                if len(table) > MAX_ROWS + 1:
                    break
        finally:
            book.close()
    else:
        raise ImportFileError(_("Import a CSV or an XLSX file."))
    if not any(any(value not in (None, "") for value in row) for row in table):
        raise ImportFileError(_("The file is empty."))
    header = [COLUMNS.get(_header_key(cell)) for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(_("The first row must name the columns; missing: %(columns)s.")
                              % {"columns": ", ".join(missing)})
    body = table[1:]
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("At most %(limit)d rows may be imported at once.") % {"limit": MAX_ROWS})
    rows = []
    for values in body:
        if all(value is None or str(value).strip() == "" for value in values):
            rows.append(None)  # a blank line: skipped, but it keeps the line numbers right
            continue
        row = {}
        for column, value in zip(header, values):
            if column and column not in row:
                row[column] = value.strip() if isinstance(value, str) else value
        rows.append(row)
    return rows


def _date(value, label, errors, *, required=False):
    if value is None or value == "":
        if required:
            errors.append(_("%(column)s is missing.") % {"column": label})
        return None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        day = None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                day = datetime.datetime.strptime(str(value).strip(), pattern).date()
                break
            except ValueError:
                continue
        if day is None:
            errors.append(_("%(column)s “%(value)s” is not a date (dd/mm/yyyy).")
                          % {"column": label, "value": str(value)[:40]})
            return None
    if not year_in_range(day.year):
        errors.append(_("%(column)s is out of the years accepted.") % {"column": label})
        return None
    return day


def _index(model):
    found = {}
    for item in model.objects.all():
        for name in (item.name_vi, item.name_en):
            if name:
                found.setdefault(search_normalise(name), item)
    return found


def check(rows, *, by) -> Report:
    """Each row checked against the lists, the dates and the documents already there."""
    types, issuers, sectors = _index(DocumentType), _index(Issuer), _index(Sector)
    seen = set()
    report_rows = []
    labels = {"type": pgettext("document", "Type"), "issuer": _("Issuing body"), "field": _("Field")}
    for offset, values in enumerate(rows):
        if values is None:
            continue
        line = offset + 2  # the header is line 1
        errors = []
        number = str(values.get("number") or "").strip()
        row = Row(line=line, number=number, errors=errors)
        report_rows.append(row)
        if not number:
            errors.append(_("The number is missing."))
        elif len(number) > NUMBER_MAX:
            errors.append(_("The number is longer than %(limit)d characters.") % {"limit": NUMBER_MAX})
        found = {}
        for column, index, required in (("type", types, True), ("issuer", issuers, True), ("field", sectors, False)):
            text = str(values.get(column) or "").strip()
            if not text:
                if required:
                    errors.append(_("%(column)s is missing.") % {"column": labels[column]})
                found[column] = None
                continue
            found[column] = index.get(search_normalise(text))
            if found[column] is None:
                errors.append(_("%(column)s “%(value)s” is not in the list.")
                              % {"column": labels[column], "value": text[:80]})
        issue = _date(values.get("issue_date"), _("Issue date"), errors, required=True)
        effective = _date(values.get("effective_date"), _("Effective date"), errors)
        expiry = _date(values.get("expiry_date"), _("Expiry date"), errors)
        summary = str(values.get("summary_vi") or "").strip()
        summary_en = str(values.get("summary_en") or "").strip()
        if not summary:
            errors.append(_("The summary is missing."))
        for text in (summary, summary_en):
            if len(text) > SUMMARY_MAX:
                errors.append(_("The summary is longer than %(limit)d characters.") % {"limit": SUMMARY_MAX})
        signer = str(values.get("signer") or "").strip()
        if len(signer) > SIGNER_MAX:
            errors.append(_("The signer's name is longer than %(limit)d characters.") % {"limit": SIGNER_MAX})
        if any("\x00" in str(value) for value in values.values() if value is not None):
            errors.append(_("The row holds characters that cannot be stored."))
        if errors:
            continue
        document = Document(number=number, doc_type=found["type"], issuer=found["issuer"], sector=found["field"],
                            signer=signer, issue_date=issue, effective_date=effective, expiry_date=expiry,
                            summary_vi=summary, summary_en=summary_en, created_by=by)
        try:
            document.clean()
        except Exception as error:
            for messages in getattr(error, "message_dict", {"": getattr(error, "messages", [str(error)])}).values():
                errors.extend(messages)
            continue
        key = (fold_number(number), found["type"].pk, found["issuer"].pk)
        if key in seen:
            errors.append(_("The same document is on an earlier line of the file."))
            continue
        seen.add(key)
        row.document = document
    # The documents already stored, in one query for the whole file.
    wanted = {padded(fold_number(row.number)) for row in report_rows if row.document}
    existing = set()
    for start in range(0, len(wanted), 500):
        chunk = sorted(wanted)[start:start + 500]
        existing |= set(Document.objects.filter(number_search__in=chunk)
                        .values_list("number_search", "doc_type_id", "issuer_id"))
    for row in report_rows:
        if row.document and (row.document.number_search or padded(fold_number(row.number)),
                             row.document.doc_type_id, row.document.issuer_id) in existing:
            row.errors.append(_("This document is already in the portal."))
            row.document = None
    return Report(rows=report_rows)


def run(upload, *, by, dry_run=True, approve=False) -> Report:
    """Read, check and (unless `dry_run`, and only if no row is rejected) store every row."""
    report = check(read_rows(upload), by=by)
    report.dry_run = dry_run
    if dry_run or report.rejected or not report.rows:
        return report
    now = timezone.now()
    documents = [row.document for row in report.accepted]
    with transaction.atomic():
        taken = set()
        for document in documents:
            if approve:
                document.approval, document.approved_by, document.approved_at = Approval.APPROVED, by, now
            document.fill_search()
            document.slug = _free_slug(document, taken)
            taken.add(document.slug)
        # In bulk: one statement per thousand rows, and the pages' version bumped once, not per row.
        Document.objects.bulk_create(documents, batch_size=1000)
        pagecache.bump()
    pagecache.reschedule()
    report.imported = len(documents)
    return report


def _free_slug(document, taken) -> str:
    base = slug_from(number_slug_source(document.number) or document.summary_vi, 150)
    slug, n = base, 2
    while slug in taken or Document.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
