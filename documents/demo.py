"""Demo documents: thirty across types, issuers, fields and years, two relations, signed files,
one draft open for comment with opinions and one closed with the office's summary."""

import datetime
import io
import zipfile
from importlib import import_module

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.text import fold

from .models import Approval, Document, DocumentFile, DocumentRelation, DocumentType, Issuer, Opinion, Sector

ISSUERS = [
    ("Chính phủ", "The Government", "CP"),
    ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications", "BTTTT"),
    ("Hội đồng nhân dân tỉnh An Hòa", "An Hoa Provincial People's Council", "HĐND"),
    ("Ủy ban nhân dân tỉnh An Hòa", "An Hoa Provincial People's Committee", "UBND"),
    ("Sở Thông tin và Truyền thông", "Department of Information and Communications", "STTTT"),
]
SYMBOLS = {"Nghị định": "NĐ", "Thông tư": "TT", "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT",
           "Kế hoạch": "KH", "Hướng dẫn": "HD", "Công văn": "", "Thông báo": "TB", "Báo cáo": "BC", "Luật": ""}
SIGNERS = {"CP": "Thủ tướng Chính phủ", "BTTTT": "Bộ trưởng Bộ Thông tin và Truyền thông",
           "HĐND": "Chủ tịch HĐND tỉnh Lê Văn Hải", "UBND": "Chủ tịch UBND tỉnh Nguyễn Minh Tâm",
           "STTTT": "Giám đốc Sở Nguyễn Văn An"}

# (years ago, number, type, issuer symbol, field, Vietnamese summary, English summary, days to effect, years to expiry)
DOCUMENTS = [
    (0, 45, "Quyết định", "UBND", "Chuyển đổi số",
     "Ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh An Hòa",
     "Regulation on the management and operation of the An Hoa provincial web portal", 10, None),
    (0, 12, "Chỉ thị", "UBND", "An toàn thông tin",
     "Về tăng cường bảo đảm an toàn thông tin mạng trong các cơ quan nhà nước trên địa bàn tỉnh",
     "On stronger network information security in state agencies of the province", 0, None),
    (0, 87, "Kế hoạch", "UBND", "Chuyển đổi số",
     "Triển khai chương trình chuyển đổi số tỉnh An Hòa năm 2027", "Digital transformation programme for 2027", 0, 1),
    (0, 30, "Nghị quyết", "HĐND", "Chuyển đổi số",
     "Quy định mức hỗ trợ phát triển hạ tầng số trên địa bàn tỉnh",
     "Support levels for digital infrastructure in the province", 20, None),
    (0, 3, "Thông tư", "BTTTT", "Viễn thông",
     "Quy định về quản lý chất lượng dịch vụ viễn thông", "On the quality of telecommunications services", 45, None),
    (0, 58, "Nghị định", "CP", "Báo chí, xuất bản",
     "Quy định chi tiết một số điều của Luật Báo chí", "Detailing some articles of the Press Law", 60, None),
    (0, 215, "Công văn", "STTTT", "Cải cách hành chính",
     "Về việc đôn đốc cung cấp dịch vụ công trực tuyến toàn trình", "Urging full online public services", 0, None),
    (0, 9, "Thông báo", "STTTT", "Tổ chức cán bộ",
     "Kết quả tuyển dụng viên chức năm 2026", "Results of the 2026 civil servant recruitment", 0, None),
    (1, 45, "Quyết định", "UBND", "Cải cách hành chính",
     "Công bố danh mục thủ tục hành chính lĩnh vực thông tin và truyền thông",
     "List of administrative procedures in information and communications", 0, None),
    (1, 120, "Kế hoạch", "UBND", "An toàn thông tin",
     "Diễn tập ứng cứu sự cố an toàn thông tin mạng năm 2025", "Cyber incident response drill for 2025", 0, 1),
    (1, 14, "Nghị quyết", "HĐND", "Viễn thông",
     "Về phát triển hạ tầng viễn thông thụ động giai đoạn 2025-2030",
     "On passive telecommunications infrastructure for 2025-2030", 10, None),
    (1, 2, "Hướng dẫn", "STTTT", "Chuyển đổi số",
     "Hướng dẫn sử dụng chữ ký số trong văn bản điện tử", "Guidance on digital signatures in electronic documents", 0, None),
    (1, 18, "Thông tư", "BTTTT", "Bưu chính",
     "Quy định về dịch vụ bưu chính công ích", "On public postal services", 45, None),
    (1, 47, "Nghị định", "CP", "Công nghệ thông tin",
     "Quy định về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước",
     "On managing, connecting and sharing the digital data of state agencies", 30, None),
    (1, 310, "Công văn", "STTTT", "Báo chí, xuất bản",
     "Về việc tăng cường quản lý trang thông tin điện tử tổng hợp", "On the management of general news websites", 0, None),
    (2, 22, "Quyết định", "UBND", "Tổ chức cán bộ",
     "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Thông tin và Truyền thông",
     "Functions, duties and organisation of the Department of Information and Communications", 10, None),
    (2, 5, "Chỉ thị", "UBND", "Cải cách hành chính",
     "Về tăng cường kỷ luật, kỷ cương hành chính", "On stronger administrative discipline", 0, None),
    (2, 66, "Kế hoạch", "UBND", "Công nghệ thông tin",
     "Phát triển chính quyền số tỉnh An Hòa giai đoạn 2024-2025", "Digital government of An Hoa for 2024-2025", 0, 2),
    (2, 7, "Thông tư", "BTTTT", "An toàn thông tin",
     "Hướng dẫn bảo đảm an toàn hệ thống thông tin theo cấp độ", "Guidance on information system security by level", 45, None),
    (2, 13, "Nghị định", "CP", "An toàn thông tin",
     "Về bảo vệ dữ liệu cá nhân", "On personal data protection", 60, None),
    (2, 4, "Báo cáo", "STTTT", "Chuyển đổi số",
     "Kết quả thực hiện chuyển đổi số năm 2024", "Results of digital transformation in 2024", 0, None),
    (3, 18, "Quyết định", "UBND", "Chuyển đổi số",
     "Ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh (cũ)",
     "Regulation on the provincial web portal (former)", 10, None),
    (3, 9, "Nghị quyết", "HĐND", "Công nghệ thông tin",
     "Chính sách hỗ trợ doanh nghiệp công nghệ thông tin", "Support for information technology firms", 10, 3),
    (3, 101, "Kế hoạch", "UBND", "Viễn thông",
     "Phủ sóng di động các thôn, bản vùng sâu", "Mobile coverage for remote villages", 0, 1),
    (3, 42, "Nghị định", "CP", "Công nghệ thông tin",
     "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
     "On the online information and public services of state agencies", 30, None),
    (3, 11, "Thông báo", "STTTT", "Tổ chức cán bộ",
     "Lịch tiếp công dân định kỳ năm 2023", "Schedule of citizen receptions for 2023", 0, 1),
    (4, 6, "Chỉ thị", "UBND", "An toàn thông tin",
     "Về bảo đảm an toàn thông tin trong dịp Tết Nguyên đán", "On information security during the Lunar New Year", 0, 1),
    (4, 25, "Thông tư", "BTTTT", "Báo chí, xuất bản",
     "Quy định về hoạt động thông tin cơ sở", "On grassroots information activities", 45, None),
    (4, 75, "Quyết định", "UBND", "Bưu chính",
     "Phê duyệt mạng lưới điểm phục vụ bưu chính công cộng", "Public postal service points approved", 10, None),
    (4, 140, "Công văn", "STTTT", "Viễn thông",
     "Về việc chỉnh trang cáp viễn thông treo", "On tidying overhead telecommunications cables", 0, None),
]
# (the later document, how it relates, the earlier one): by (years ago, number, issuer symbol)
RELATIONS = [
    ((0, 45, "UBND"), "replaces", (3, 18, "UBND")),
    ((1, 2, "STTTT"), "guides", (2, 13, "CP")),
]
DRAFTS = [
    # (Vietnamese, English, type, issuer, field, opens: days from now, closes: days from now, summary)
    ("Ban hành Quy chế bảo đảm an toàn thông tin mạng trong hoạt động của cơ quan nhà nước tỉnh An Hòa",
     "Regulation on network information security in the province's state agencies",
     "Quyết định", "UBND", "An toàn thông tin", -5, 25, ""),
    ("Phát triển hạ tầng số tỉnh An Hòa giai đoạn 2026-2030",
     "Digital infrastructure in An Hoa for 2026-2030",
     "Kế hoạch", "UBND", "Chuyển đổi số", -60, -30,
     "Sở Thông tin và Truyền thông đã nhận được 14 ý kiến góp ý của tổ chức, cá nhân. Các ý kiến tập trung "
     "vào lộ trình phủ sóng 5G, hỗ trợ hạ tầng cho vùng sâu và cơ chế dùng chung hạ tầng.\n\n"
     "Sở đã tiếp thu 9 ý kiến (điều chỉnh lộ trình, bổ sung chỉ tiêu cáp quang đến thôn) và giải trình 5 ý kiến "
     "không thuộc phạm vi của Kế hoạch."),
]
OPINIONS = [
    (0, "Nguyễn Văn An", "an.nguyen@example.com",
     "Đề nghị bổ sung quy định về sao lưu dữ liệu định kỳ và diễn tập khôi phục ít nhất mỗi năm một lần.",
     Opinion.Status.APPROVED),
    (0, "Trần Thị Bình", "binh.tran@example.com",
     "Điều 8 nên làm rõ trách nhiệm của người đứng đầu cơ quan khi để xảy ra sự cố mất an toàn thông tin.",
     Opinion.Status.APPROVED),
    (0, "Lê Minh Châu", "chau.le@example.com",
     "Cần có hướng dẫn cụ thể cho cấp xã vì đội ngũ cán bộ công nghệ thông tin còn mỏng.", Opinion.Status.PENDING),
    (1, "Phạm Quốc Dũng", "dung.pham@example.com",
     "Đề nghị ưu tiên kéo cáp quang đến các thôn vùng sâu trước năm 2028.", Opinion.Status.APPROVED),
    (1, "Hoàng Thị Em", "em.hoang@example.com",
     "Nên có cơ chế dùng chung cột ăng-ten giữa các nhà mạng để giảm chi phí.", Opinion.Status.APPROVED),
]


def pdf_bytes(lines) -> bytes:
    """A small, valid one-page PDF holding `lines` of ASCII text (Helvetica)."""
    lines = [fold(line).encode("ascii", "replace").decode() for line in lines]
    text = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    """A minimal Word document (what Word needs to open it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return buffer.getvalue()


def _lists():
    """The types and fields by Vietnamese name; those the data migration fills are made again if
    missing (a test database flushed between tests has none)."""
    migration = import_module("documents.migrations.0002_lists_roles_search")
    found = []
    for model, rows in ((DocumentType, migration.TYPES), (Sector, migration.SECTORS)):
        for order, (vi, en) in enumerate(rows):
            model.objects.get_or_create(name_vi=vi, defaults={"name": vi, "name_en": en, "order": order})
        found.append({item.name_vi: item for item in model.objects.all()})
    return found


def _number(number, year, type_name, symbol) -> str:
    kind = SYMBOLS.get(type_name, "")
    if type_name == "Công văn":
        return f"{number}/{symbol}-VP" if symbol != "STTTT" else f"{number}/STTTT-VP"
    if type_name == "Nghị quyết" and symbol == "HĐND":
        return f"{number}/{year}/NQ-HĐND"
    return f"{number}/{year}/{kind}-{symbol}"


@transaction.atomic
def load_documents(users, stdout) -> None:
    if Document.objects.exists():
        return
    approver = users.get("approver")
    editor = users.get("editor")
    issuers = {}
    for order, (vi, en, symbol) in enumerate(ISSUERS):
        issuers[symbol] = Issuer.objects.get_or_create(name_vi=vi, defaults={"name": vi, "name_en": en,
                                                                             "order": order})[0]
    types, sectors = _lists()
    today = timezone.localdate()
    now = timezone.now()
    made = {}
    for index, (years_ago, number, type_name, symbol, sector, vi, en, to_effect, to_expiry) in enumerate(DOCUMENTS):
        year = today.year - years_ago
        issued = min(datetime.date(year, 1 + (index * 5) % 12, 1 + (index * 7) % 27), today - datetime.timedelta(days=2))
        if years_ago == 0 and to_effect >= 45:  # issued lately, not yet in force
            issued = today - datetime.timedelta(days=5)
        effective = issued + datetime.timedelta(days=to_effect) if to_effect else None
        expiry = datetime.date(issued.year + to_expiry, 12, 31) if to_expiry else None
        if expiry and expiry <= (effective or issued):
            expiry = None
        document = Document.objects.create(
            number=_number(number, year, type_name, symbol), doc_type=types[type_name], issuer=issuers[symbol],
            sector=sectors.get(sector), signer=SIGNERS[symbol], issue_date=issued, effective_date=effective,
            expiry_date=expiry, summary_vi=vi, summary_en=en,
            publish_at=timezone.make_aware(datetime.datetime.combine(issued, datetime.time(9))),
            approval=Approval.APPROVED, approved_by=approver, approved_at=now, created_by=editor,
        )
        made[(years_ago, number, symbol)] = document
        if index % 3 != 2:
            name = document.slug
            DocumentFile.objects.create(document=document, title_vi="Văn bản đã ký", title_en="Signed document",
                                        file=ContentFile(pdf_bytes([document.number, en]), name=f"{name}.pdf"))
        if index % 5 == 0:
            DocumentFile.objects.create(document=document, title_vi="Phụ lục", title_en="Appendix", order=1,
                                        file=ContentFile(docx_bytes(en), name=f"{document.slug}-phu-luc.docx"))
    for later, kind, earlier in RELATIONS:
        DocumentRelation.objects.create(source=made[later], kind=kind, target=made[earlier])
    article = Article.objects.published().order_by("-publish_at").first()
    if article is not None:
        made[(0, 45, "UBND")].related_articles.add(article)
    drafts = []
    for vi, en, type_name, symbol, sector, opens, closes, summary in DRAFTS:
        draft = Document.objects.create(
            doc_type=types[type_name], issuer=issuers[symbol], sector=sectors.get(sector),
            issue_date=(now + datetime.timedelta(days=opens)).date(), summary_vi=vi, summary_en=en, is_draft=True,
            comment_opens=now + datetime.timedelta(days=opens), comment_closes=now + datetime.timedelta(days=closes),
            opinion_summary_vi=summary, publish_at=now + datetime.timedelta(days=opens),
            approval=Approval.APPROVED, approved_by=approver, approved_at=now, created_by=editor,
        )
        DocumentFile.objects.create(document=draft, title_vi="Dự thảo", title_en="Draft",
                                    file=ContentFile(pdf_bytes(["Draft", en]), name=f"{draft.slug}.pdf"))
        drafts.append(draft)
    for index, name, email, body, status in OPINIONS:
        draft = drafts[index]
        sent = min(draft.comment_opens + datetime.timedelta(days=1 + len(body) % 3), now)
        Opinion.objects.create(document=draft, name=name, email=email, body=body, status=status, created_at=sent,
                               moderated_by=approver if status != Opinion.Status.PENDING else None,
                               moderated_at=sent if status != Opinion.Status.PENDING else None)
    stdout.write(f"Created {len(DOCUMENTS)} demo documents and {len(DRAFTS)} drafts for comment.")


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    load_documents(users, stdout)
