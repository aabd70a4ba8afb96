"""The columns of the old "Tin Tức" list and how their values read.

An export names a column by its display name (Tiêu đề), by its internal name as the REST API
gives it (Title, or Ti_x00ea_u_x0020__x0111__x1ec1_ for a column created with a Vietnamese
name), or by whatever the agency renamed it to; a mapping file (YAML or JSON) adds names:

    columns: {"Tiêu đề bài": title, "NoiDungChinh": content}
    old_addresses: ["/tin-tuc/{friendly_name}.html", "/Lists/TinTuc/ChiTiet.aspx?ItemId={id}"]
    approval: {"Chờ biên tập": draft}
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.text import search_normalise
from portal.dates import year_in_range

# Our field -> the names the old portal gives it (display names first, then internal names).
DEFAULT_COLUMNS = {
    "id": ["ID", "Id", "ItemId"],
    "title": ["Tiêu đề", "Title"],
    "image": ["Hình ảnh", "Image", "PublishingRollupImage", "PublishingPageImage"],
    "image_caption": ["Hình ảnh mô tả", "ImageDescription", "ImageCaption"],
    "summary": ["Tóm tắt", "Summary", "Description", "Comments"],
    "content": ["Nội dung", "Content", "PublishingPageContent", "Body"],
    "content_link": ["Link thay thế nội dung", "ContentLink", "RedirectLink"],
    "publish_at": ["Ngày xuất bản", "PublishDate", "ArticleStartDate", "PublishingStartDate"],
    "featured": ["Tin nổi bật", "Featured", "IsHot", "IsFeatured"],
    "author": ["Tác giả", "Author", "Created By"],
    "category": ["Phân loại", "Category", "Categories"],
    "article_type": ["Loại bài viết", "ArticleType", "NewsType"],
    "page_count": ["Số Trang", "PageCount", "NumberOfPages"],
    "photo_count": ["Số Ảnh", "PhotoCount", "NumberOfPhotos"],
    "fee": ["Số tiền", "Amount", "Fee", "Royalty"],
    "coefficient": ["Hệ số", "Coefficient"],
    "pen_name": ["Bút danh", "PenName"],
    "author_name": ["Tên tác giả", "AuthorName"],
    "phone": ["Số điện thoại", "Phone", "PhoneNumber"],
    "email": ["Email", "E-mail", "AuthorEmail"],
    "status": ["Trạng thái", "Status"],
    "read_count": ["Số lượt người đọc", "ViewCount", "ReadCount", "Views"],
    "friendly_name": ["FriendlyName", "Friendly Name", "UrlName"],
    "approval": ["Approval Status", "Trạng thái phê duyệt", "OData__ModerationStatus", "_ModerationStatus",
                 "ModerationStatus"],
    "attachments": ["Attachments", "Tệp đính kèm", "AttachmentFiles"],
    "title_en": ["Tiêu đề tiếng Anh", "TitleEn", "Title_en"],
    "summary_en": ["Tóm tắt tiếng Anh", "SummaryEn", "Summary_en"],
    "content_en": ["Nội dung tiếng Anh", "ContentEn", "Content_en"],
}
FIELDS = tuple(DEFAULT_COLUMNS)
DEFAULT_OLD_ADDRESSES = ["/Pages/{friendly_name}.aspx", "/Lists/TinTuc/DispForm.aspx?ID={id}"]

# SharePoint's moderation states, as numbers (REST) or words (Export to Excel, either language).
APPROVAL = {
    "0": "approved", "approved": "approved", "da phe duyet": "approved", "duoc phe duyet": "approved",
    "1": "rejected", "rejected": "rejected", "denied": "rejected", "bi tu choi": "rejected", "tu choi": "rejected",
    "2": "pending", "pending": "pending", "dang cho xu ly": "pending", "cho duyet": "pending",
    "cho phe duyet": "pending",
    "3": "draft", "draft": "draft", "ban nhap": "draft",
    "4": "approved", "scheduled": "approved", "da len lich": "approved",
}
HIDDEN = {"0", "false", "no", "an", "khong hien thi", "khong", "hidden", "inactive", "ngung hien thi"}
TRUE = {"1", "true", "yes", "co", "x", "on"}

_INTERNAL = re.compile(r"_x([0-9a-fA-F]{4})_")


class MappingError(Exception):
    """The mapping file cannot be read."""


def column_key(name) -> str:
    """A column's name folded: internal names decoded (_x0020_ is a space), marks, case and
    punctuation dropped, so "Tiêu đề", "TIEU DE" and "Ti_x00ea_u_x0020__x0111__x1ec1_" agree."""
    decoded = _INTERNAL.sub(lambda match: chr(int(match.group(1), 16)), str(name or ""))
    return "".join(search_normalise(decoded).split())


@dataclass
class Mapping:
    columns: dict = field(default_factory=dict)  # folded name -> our field
    old_addresses: list = field(default_factory=lambda: list(DEFAULT_OLD_ADDRESSES))
    approval: dict = field(default_factory=lambda: dict(APPROVAL))

    @classmethod
    def load(cls, path=None) -> "Mapping":
        mapping = cls(columns={column_key(name): ours for ours, names in DEFAULT_COLUMNS.items()
                               for name in names})
        if not path:
            return mapping
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
            data = json.loads(text) if str(path).lower().endswith(".json") else yaml.safe_load(text)
        except (OSError, ValueError, yaml.YAMLError) as error:
            raise MappingError(_("The mapping file cannot be read: %(error)s") % {"error": error}) from None
        if not isinstance(data, dict):
            raise MappingError(_("The mapping file must hold a table of column names."))
        columns = data.get("columns", data if "old_addresses" not in data and "approval" not in data else {})
        shapes = ((columns, dict), (data.get("old_addresses") or [], list), (data.get("approval") or {}, dict))
        if any(not isinstance(value, shape) for value, shape in shapes if value):
            raise MappingError(_("The mapping file holds columns and approval as tables, old_addresses as a list."))
        for name, ours in (columns or {}).items():
            if ours not in FIELDS:
                raise MappingError(_("“%(field)s” is not a field the import knows (%(fields)s).")
                                   % {"field": ours, "fields": ", ".join(FIELDS)})
            mapping.columns[column_key(name)] = ours
        for pattern in data.get("old_addresses") or []:
            if not isinstance(pattern, str) or not pattern.strip():
                raise MappingError(_("Each old address must be a text such as /Pages/{friendly_name}.aspx."))
            mapping.old_addresses.append(pattern.strip())
        for word, state in (data.get("approval") or {}).items():
            if state not in ("draft", "pending", "approved", "rejected"):
                raise MappingError(_("“%(state)s” is not an approval state.") % {"state": state})
            mapping.approval[" ".join(search_normalise(str(word)).split())] = state
        return mapping

    def field_of(self, name) -> str | None:
        return self.columns.get(column_key(name))

    def approval_of(self, value) -> str:
        if value is None or str(value).strip() == "":
            return "approved"  # a list without moderation publishes what it holds
        return self.approval.get(" ".join(search_normalise(str(value)).split()), "")

    def addresses(self, item_id: str, friendly_name: str) -> list[str]:
        found = []
        for pattern in self.old_addresses:
            if ("{friendly_name}" in pattern and not friendly_name) or ("{id}" in pattern and not item_id):
                continue
            found.append(pattern.replace("{friendly_name}", friendly_name).replace("{id}", item_id))
        return found


# -- values -------------------------------------------------------------------------------------
def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # an expanded lookup or person: {"Title": "…"}
        value = value.get("Title") or value.get("Name") or value.get("Label") or ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def lookup(value) -> str:
    """A lookup column's label: "3;#Tin tức" (Export to Excel) or {"Title": "Tin tức"} (REST)."""
    value = text(value)
    return value.split(";#", 1)[1].split(";#", 1)[0].strip() if ";#" in value else value


def flag(value) -> bool:
    return " ".join(search_normalise(text(value)).split()) in TRUE


def shown(value) -> bool:
    return " ".join(search_normalise(text(value)).split()) not in HIDDEN


def whole(value) -> int:
    """A count or an amount: "1.250.000", "1,250,000", "1 250 000 đ" and 12.0 all read."""
    raw = re.sub(r"[.,]\d{1,2}$", "", text(value))  # "12.0", "1 250 000,00": no decimals
    digits = re.sub(r"\D", "", raw)
    return min(int(digits[:15]), 2**53) if digits else 0


def decimal(value) -> Decimal:
    raw = text(value).replace(" ", "")
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        number = Decimal(raw or "0")
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:30]}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:30]})
    return number


_DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %I:%M %p", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y",
                 "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def moment(value) -> datetime.datetime | None:
    """A publish date as the exports write it: dd/mm/yyyy (with a time or not), ISO 8601 (with a
    zone, Z or none), or a spreadsheet's own date; a naive time is the portal's local time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        found = value
    elif isinstance(value, datetime.date):
        found = datetime.datetime.combine(value, datetime.time())
    else:
        raw = text(value)
        found = None
        try:
            found = datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            for pattern in _DATE_FORMATS:
                try:
                    found = datetime.datetime.strptime(raw, pattern)
                    break
                except ValueError:
                    continue
        if found is None:
            raise ValueError(_("“%(value)s” is not a date (dd/mm/yyyy or yyyy-mm-dd).") % {"value": raw[:40]})
    if not year_in_range(found.year):
        raise ValueError(_("The date %(value)s is out of the years accepted.") % {"value": f"{found:%d/%m/%Y}"})
    if timezone.is_naive(found):
        found = timezone.make_aware(found)
    return found
