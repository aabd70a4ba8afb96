"""A synthetic export of an old SharePoint portal, in every form the import reads, for the tests
and the benchmark: the seed article with its three captioned photos, then items with the debris
of real exports (ExternalClass wrappers, mso- styles, &#160; runs, empty paragraphs), missing
fields, dates as dd/mm/yyyy and ISO, duplicate FriendlyNames, relative image addresses, links
between articles, broken attachments and a few rows that cannot be imported.

    export/media/       the old portal's files (PublishingImages/, Lists/TinTuc/Attachments/<ID>/)
    export/json/        the REST API's pages, 100 items each, linked by __next
    export/csv/ export/xlsx/   "Export to Excel"
    export/pages/       saved article pages, each with its <name>_files/ folder
"""

import csv
import datetime
import json
import os
import random
from pathlib import Path
from urllib.parse import quote

import openpyxl
from PIL import Image, ImageDraw

from articles.text import fold, slug_from

from . import seed_article as seed

HOST = "https://portal.example.gov.vn"
LIST_URL = f"{HOST}/_api/web/lists/getbytitle('Tin%20T%E1%BB%A9c')/items"
PAGE_SIZE = 100
COLUMNS = ["ID", "Tiêu đề", "Hình ảnh", "Hình ảnh mô tả", "Tóm tắt", "Nội dung", "Link thay thế nội dung",
           "Ngày xuất bản", "Tin nổi bật", "Tác giả", "Phân loại", "Loại bài viết", "Số Trang", "Số Ảnh",
           "Số tiền", "Hệ số", "Bút danh", "Tên tác giả", "Số điện thoại", "Email", "Trạng thái",
           "Số lượt người đọc", "FriendlyName", "Approval Status", "Attachments"]
CATEGORIES = ["Tin tức", "Hoạt động Ban Dân vận", "Dân vận khéo", "Thông báo", "Gương điển hình"]
TYPES = ["Tin", "Bài viết", "Phóng sự ảnh"]
TOPICS = ["Hội nghị sơ kết công tác dân vận", "Tập huấn nghiệp vụ dân vận", "Phong trào thi đua Dân vận khéo",
          "Đối thoại với nhân dân", "Tuyên truyền phòng chống dịch", "Xây dựng nông thôn mới"]
PLACES = ["Thủ Dầu Một", "Dĩ An", "Thuận An", "Tân Uyên", "Bến Cát", "Bàu Bàng", "Phú Giáo", "Dầu Tiếng"]
APPROVALS = ["0", "Approved", "Đã phê duyệt", "0", "2", "Pending", "Bản nháp", "0"]
TOPICS_EN = {"Hội nghị sơ kết công tác dân vận": "Mid-year review of mass mobilisation work",
             "Tập huấn nghiệp vụ dân vận": "Training in mass mobilisation",
             "Phong trào thi đua Dân vận khéo": "The Skilful Mass Mobilisation emulation movement",
             "Đối thoại với nhân dân": "Dialogue with residents", "Tuyên truyền phòng chống dịch": "Epidemic "
             "prevention campaign", "Xây dựng nông thôn mới": "Building new rural areas"}
ENGLISH = ["TitleEn", "SummaryEn", "ContentEn"]  # columns a bilingual list adds (the mapping knows them)
PHOTO_SIZE = (960, 540)


def photo(path: Path, label: str, tint: int) -> None:
    """A JPEG large enough for the article column (our validators refuse smaller)."""
    image = Image.new("RGB", PHOTO_SIZE, ((40 + tint * 37) % 200, (90 + tint * 53) % 200, 140))
    draw = ImageDraw.Draw(image)
    for n in range(0, PHOTO_SIZE[0], 60):
        draw.line([(n, 0), (n + 200, PHOTO_SIZE[1])], fill=(230, 230, 230), width=2)
    draw.rectangle([40, 40, 520, 110], fill=(255, 255, 255))
    draw.text((60, 65), label, fill=(10, 40, 90))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=80)


# How Word pasted into SharePoint's editor wrote a paragraph, in its two usual ways.
WORD = ('<div><span style="mso-bidi-font-size:12.0pt;font-family:&quot;Times New Roman&quot;">{}</span>'
        '<o:p>&#160;</o:p></div>')
MSO = '<p class="MsoNormal" style="text-align:justify;mso-line-height-alt:1.5pt">{}</p><p class="MsoNormal">&#160;</p>'


def _debris(paragraphs: list[str]) -> str:
    """Paragraphs as the old editor stored them."""
    inner = "".join(
        WORD.format(text) if n % 3 == 0 else MSO.format(text.replace(", ", ",&#160;&#160; ", 1)) if n % 3 == 1
        else f"<p>{text}</p><p><br></p>" for n, text in enumerate(paragraphs))
    return f'<div class="ExternalClass5C2F0D7A1B9E4C3D">{inner}</div>'


def _figure(src: str, caption: str | None) -> str:
    html = f'<p style="text-align:center"><img alt="" src="{src}" style="border:0px solid;width:600px"></p>'
    return html + (f'<p style="text-align:center"><em>{caption}</em></p>' if caption else "")


def seed_item() -> dict:
    parts, photos = [], iter(seed.PHOTOS)
    for paragraph in seed.PARAGRAPHS:
        if paragraph is None:
            names, caption = next(photos)
            parts.extend(_figure(f"/PublishingImages/2021/{name}", caption if n == len(names) - 1 else None)
                         for n, name in enumerate(names))
        else:
            parts.append(_debris([paragraph]))
    return {"ID": 1, "Tiêu đề": seed.TITLE, "Hình ảnh": '<img alt="" src="/PublishingImages/2021/TTTU-1.jpg">',
            "Hình ảnh mô tả": seed.PHOTOS[0][1], "Tóm tắt": seed.SUMMARY, "Nội dung": "".join(parts),
            "Link thay thế nội dung": "",
            "Ngày xuất bản": seed.PUBLISHED, "Tin nổi bật": "Yes", "Tác giả": "Trần Thông Thái",
            "Phân loại": "Hoạt động Ban Dân vận", "Loại bài viết": "Tin", "Số Trang": 1, "Số Ảnh": 3,
            "Số tiền": "300.000", "Hệ số": "1,5", "Bút danh": seed.BYLINE, "Tên tác giả": "Trần Thông Thái",
            "Số điện thoại": "0274 3822 111", "Email": "thai.tt@example.gov.vn", "Trạng thái": "Hiển thị",
            "Số lượt người đọc": 1234, "FriendlyName": seed.FRIENDLY_NAME, "Approval Status": "0",
            "Attachments": "Lists/TinTuc/Attachments/1/ke-hoach-dan-van-2021.pdf"}


def items(count: int, pool: int, rng: random.Random, *, english: bool = False) -> list[dict]:
    rows, names = [seed_item()], [seed.FRIENDLY_NAME]
    start = datetime.datetime(2015, 1, 5, 8, 0)
    for n in range(2, count + 1):
        title = f"{rng.choice(TOPICS)} tại {rng.choice(PLACES)} (đợt {n})"
        when = start + datetime.timedelta(hours=7 * n, minutes=n % 60)
        friendly = names[-1] if n % 50 == 0 else ("" if n % 37 == 0 else slug_from(title).title())
        names.append(friendly)
        image = f"anh-{n % pool:04d}.jpg"
        src = rng.choice([f"/PublishingImages/{image}", f"../PublishingImages/{image}",
                          f"{HOST}/PublishingImages/{image}", f"PublishingImages/{image}"])
        other = rng.randint(1, n - 1)
        link = (f'<a href="/Pages/{names[other - 1]}.aspx">bài trước</a>' if names[other - 1]
                else f'<a href="/Lists/TinTuc/DispForm.aspx?ID={other}">bài trước</a>')
        body = _debris([f"Sáng {when:%d/%m/%Y}, tại {rng.choice(PLACES)} đã diễn ra {title.lower()}.",
                        f"Xem thêm {link} về cùng chủ đề.",
                        "Các đại biểu đã thảo luận, đề xuất nhiều giải pháp thiết thực."])
        body += _figure(src, rng.choice([f"Quang cảnh {title.lower()}", None])) + "<p>&#160;&#160;&#160;</p>"
        row = {"ID": n, "Tiêu đề": title if n % 97 else "", "Hình ảnh": f'<img alt="" src="{src}">',
               "Hình ảnh mô tả": "" if n % 5 == 0 else f"Ảnh: {title}",
               "Tóm tắt": "" if n % 7 == 0 else f"Tin {title.lower()}.", "Nội dung": body,
               "Link thay thế nội dung": "https://baochinhphu.vn/dan-van-kheo.htm" if n % 71 == 0 else "",
               "Ngày xuất bản": (when.strftime("%d/%m/%Y %H:%M") if n % 2 else when.isoformat() + "Z")
               if n % 89 else "31/02/2021",
               "Tin nổi bật": "Yes" if n % 19 == 0 else "No", "Tác giả": "" if n % 13 == 0 else "Nguyễn Văn Hòa",
               "Phân loại": "" if n % 11 == 0 else f"{n % 5 + 1};#{CATEGORIES[n % 5]}",
               "Loại bài viết": TYPES[n % 3], "Số Trang": n % 3, "Số Ảnh": 1, "Số tiền": f"{(n % 4) * 50}.000",
               "Hệ số": f"{n % 4},5", "Bút danh": "" if n % 4 else "Hòa Nguyễn", "Tên tác giả": "Nguyễn Văn Hòa",
               "Số điện thoại": "0274 3822 000", "Email": "hoa.nv@example.gov.vn" if n % 23 else "không có",
               "Trạng thái": "Ẩn" if n % 61 == 0 else "Hiển thị", "Số lượt người đọc": rng.randint(0, 50000),
               "FriendlyName": friendly, "Approval Status": APPROVALS[n % len(APPROVALS)], "Attachments": ""}
        if english:
            topic, place = title.split(" tại ", 1)
            row.update({"TitleEn": f"{TOPICS_EN[topic]} in {fold(place).split(' (')[0]} (round {n})",
                        "SummaryEn": f"News of the {TOPICS_EN[topic].lower()}.",
                        "ContentEn": f"<p>The {TOPICS_EN[topic].lower()} took place on {when:%d %B %Y}.</p>"})
        if n % 10 == 0:
            row["Attachments"] = f"Lists/TinTuc/Attachments/{n}/" + ("bao-cao.pdf", "thieu.pdf", "rong.docx",
                                                                    "virus.exe")[n // 10 % 4]
        rows.append(row)
    return rows


def _media(folder: Path, rows: list[dict], pool: int) -> None:
    for names, caption in seed.PHOTOS:
        for name in names:
            photo(folder / "PublishingImages" / "2021" / name, caption, len(name))
    for n in range(pool):
        photo(folder / "PublishingImages" / f"anh-{n:04d}.jpg", f"anh {n}", n)
    for row in rows:
        for name in filter(None, row["Attachments"].split(";")):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if "thieu" in name:  # named, never saved: a broken attachment
                continue
            path.write_bytes(b"" if "rong" in name else b"%PDF-1.4\n% tai lieu\n%%EOF\n")


def write(folder, *, count: int = 500, pool: int = 40, formats=("json", "csv", "xlsx", "pages"),
          seed_value: int = 2021, english: bool = False, first: int = 1) -> Path:
    """Write the export under `folder` (items `first` to `count`; with `english`, their
    English columns too); returns it."""
    folder = Path(folder)
    rows = items(count, pool, random.Random(seed_value), english=english)[first - 1:]
    _media(folder / "media", rows, pool)
    writers = {"json": _json, "csv": _csv, "xlsx": _xlsx, "pages": _pages}
    for name in formats:
        (folder / name).mkdir(parents=True, exist_ok=True)
        writers[name](folder / name, rows, folder / "media")
    return folder


def internal(name: str) -> str:
    """A column's internal name as SharePoint makes it: every character but a letter or a digit
    written _xHHHH_ ("Tóm tắt" -> "T_x00f3_m_x0020_t_x1eaf_t")."""
    return "".join(ch if ch.isascii() and ch.isalnum() else f"_x{ord(ch):04x}_" for ch in name)


def _rest(row: dict) -> dict:
    record = {"__metadata": {"type": "SP.Data.TinTucListItem"}, "Id": row["ID"], "Title": row["Tiêu đề"]}
    for column in COLUMNS[2:]:
        record[internal(column)] = row[column]
    for column in ENGLISH:
        if column in row:
            record[column] = row[column]
    record[internal("Phân loại")] = {"Title": row["Phân loại"].split(";#")[-1]} if row["Phân loại"] else None
    attachments = [name for name in row["Attachments"].split(";") if name]
    record[internal("Số lượt người đọc")] = int(row["Số lượt người đọc"])
    record["Attachments"] = bool(attachments)
    record["AttachmentFiles"] = {"results": [{"FileName": name.rsplit("/", 1)[-1],
                                              "ServerRelativeUrl": f"/{name}"} for name in attachments]}
    return record


def _json(folder: Path, rows, media) -> None:
    pages = [rows[n:n + PAGE_SIZE] for n in range(0, len(rows), PAGE_SIZE)]
    name = "items.json"
    for number, page in enumerate(pages):
        body = {"results": [_rest(row) for row in page]}
        if number + 1 < len(pages):
            link = f"{LIST_URL}?%24skiptoken=Paged%3DTRUE%26p_ID%3D{page[-1]['ID']}&%24top={PAGE_SIZE}"
            body["__next"] = link
            following = "items?" + link.split("?", 1)[1]
        (folder / name).write_text(json.dumps({"d": body}, ensure_ascii=False), encoding="utf-8")
        name = following if number + 1 < len(pages) else name


def _csv(folder: Path, rows, media) -> None:
    with (folder / "Tin Tuc.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS + [c for c in ENGLISH if c in rows[-1]])
        writer.writeheader()
        writer.writerows(rows)


def _xlsx(folder: Path, rows, media) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Tin Tức")
    sheet.append(COLUMNS)
    for row in rows:
        values = [row[column] for column in COLUMNS]
        try:  # Excel keeps a date it recognises as a date
            values[7] = datetime.datetime.strptime(row["Ngày xuất bản"], "%d/%m/%Y %H:%M")
        except ValueError:
            pass
        sheet.append(values)
    book.save(folder / "Tin Tuc.xlsx")


def _pages(folder: Path, rows, media) -> None:
    for row in rows:
        name = row["FriendlyName"] or f"Tin-{row['ID']}"
        files = folder / f"{name}_files"
        body = row["Nội dung"]
        for src in set(_sources(body)):
            target = files / src.rsplit("/", 1)[-1]
            files.mkdir(exist_ok=True)
            if not target.exists():
                os.link(next(media.rglob(src.rsplit("/", 1)[-1])), target)
            body = body.replace(f'src="{src}"', f'src="{quote(files.name)}/{target.name}"')
        byline = row["Bút danh"] or row["Tên tác giả"]
        lead = next(_sources(row["Hình ảnh"]), "").rsplit("/", 1)[-1]
        og_image = (f'<meta property="og:image" content="{quote(files.name)}/{lead}">'
                    if lead and (files / lead).exists() else "")
        html = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{row["Tiêu đề"]}</title>'
                f'<meta name="description" content="{row["Tóm tắt"]}">{og_image}'
                f'<link rel="canonical" href="{HOST}/Pages/{name}.aspx"></head><body>'
                f'<div id="s4-workspace"><div class="date-bar">02/12/2021 |</div><div class="news-detail">'
                f'<h1 class="news-title">{row["Tiêu đề"]}</h1>'
                f'<div class="news-date">{row["Ngày xuất bản"]}</div>'
                f'<div class="news-summary">{row["Tóm tắt"]}</div>'
                f'<div class="ms-rtestate-field">{body}'
                f'<p style="text-align:right"><strong>{byline}</strong></p></div>'
                f'<div class="news-views">Lượt xem: {row["Số lượt người đọc"]}</div></div>'
                f'<div class="other-news"><h3>Tin khác</h3></div></div></body></html>')
        (folder / f"{name}.aspx.html").write_text(html, encoding="utf-8")


def _sources(html: str):
    for part in html.split('src="')[1:]:
        yield part.split('"', 1)[0]
