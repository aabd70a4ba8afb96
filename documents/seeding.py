"""Many documents in bulk, for the benchmark: `seed(n)` (what `seed_bench` calls) and
`manage.py seed_documents --documents 50000 [--if-empty]`.

Adds on top of what is there: approved, public documents across every type, ten issuers,
every field and twenty-five years, a relation for one in twenty-five (replaces, amends,
guides), and twenty drafts for comment (most open now, the rest closed). No files (the benchmark reads
pages, not downloads).
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from articles.text import slug_from
from .models import Approval, Document, DocumentRelation, DocumentType, Issuer, Sector
from .text import number_slug_source
from portal import pagecache

BATCH = 2000
ISSUERS = [
    ("Chính phủ", "The Government", "CP"), ("Thủ tướng Chính phủ", "The Prime Minister", "TTg"),
    ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications", "BTTTT"),
    ("Bộ Nội vụ", "Ministry of Home Affairs", "BNV"),
    ("Hội đồng nhân dân tỉnh An Hòa", "An Hoa Provincial People's Council", "HĐND"),
    ("Ủy ban nhân dân tỉnh An Hòa", "An Hoa Provincial People's Committee", "UBND"),
    ("Sở Thông tin và Truyền thông", "Department of Information and Communications", "STTTT"),
    ("Sở Nội vụ", "Department of Home Affairs", "SNV"),
    ("Sở Kế hoạch và Đầu tư", "Department of Planning and Investment", "SKHĐT"),
    ("Văn phòng UBND tỉnh", "Office of the Provincial People's Committee", "VP"),
]
WORDS = ("ban hành quy chế quản lý vận hành hệ thống thông tin chuyển đổi số an toàn mạng dịch vụ công trực "
         "tuyến hạ tầng viễn thông bưu chính báo chí xuất bản cải cách hành chính tổ chức bộ máy kế hoạch triển "
         "khai năm giai đoạn tăng cường bảo đảm phát triển kinh tế số xã hội số chính quyền điện tử dữ liệu").split()
WORDS_EN = ("regulation management operation information system digital transformation network security online "
            "public service infrastructure telecommunications postal press publishing administrative reform "
            "plan year period strengthening development economy society government data").split()


def _issuers():
    found = []
    for order, (vi, en, symbol) in enumerate(ISSUERS):
        issuer = Issuer.objects.filter(name_vi=vi).first() or Issuer.objects.create(
            name=vi, name_vi=vi, name_en=en, order=order)
        found.append((issuer, symbol))
    return found


def seed(count: int, *, stdout=None, seed_value: int = 19) -> int:
    """Add `count` public documents (and their relations, and twenty drafts) in bulk."""
    rng = random.Random(seed_value)
    types = list(DocumentType.objects.all())
    sectors = list(Sector.objects.all())
    issuers = _issuers()
    today = timezone.localdate()
    now = timezone.now()
    start = Document.objects.count()
    made = 0
    started = time.monotonic()
    while made < count:
        batch = []
        for i in range(start + made, start + min(made + BATCH, count)):
            doc_type, (issuer, symbol), sector = rng.choice(types), rng.choice(issuers), rng.choice(sectors)
            year = today.year - rng.randrange(25)
            issued = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            issued = min(issued, today - datetime.timedelta(days=1))
            effective = issued + datetime.timedelta(days=rng.choice((0, 0, 10, 15, 30, 45)))
            expiry = (datetime.date(year + rng.randrange(1, 6), 12, 31) if rng.random() < 0.2 else None)
            kind = "".join(word[0] for word in doc_type.name_vi.split()).upper()
            number = f"{i % 997 + 1}/{year}/{kind}-{symbol}"
            summary = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 20))).capitalize()
            document = Document(
                number=number, slug=f"{slug_from(number_slug_source(number), 120)}-b{i}", doc_type=doc_type,
                issuer=issuer, sector=sector, signer="Nguyễn Văn An", issue_date=issued, effective_date=effective,
                expiry_date=expiry if expiry and expiry > effective else None, summary=summary, summary_vi=summary,
                summary_en=" ".join(rng.choice(WORDS_EN) for _ in range(10)).capitalize() if i % 3 else "",
                publish_at=timezone.make_aware(datetime.datetime.combine(issued, datetime.time(8))),
                approval=Approval.APPROVED, approved_at=now,
            )
            document.fill_search()
            batch.append(document)
        with transaction.atomic():
            Document.objects.bulk_create(batch, batch_size=BATCH)
        made += len(batch)
        if stdout is not None:
            stdout.write(f"\r  documents: {start + made:,} ({time.monotonic() - started:.0f} s)", ending="")
    if stdout is not None:
        stdout.write("")
    # Relations: one document in twenty-five relates to an older one of the same issuer.
    ids = list(Document.objects.filter(is_draft=False).order_by("issue_date", "pk").values_list("pk", flat=True))
    relations = []
    for position in range(len(ids) - count, len(ids), 25):
        if position <= 0:
            continue
        relations.append(DocumentRelation(source_id=ids[position], target_id=ids[rng.randrange(position)],
                                          kind=rng.choice(("replaces", "amends", "guides"))))
    DocumentRelation.objects.bulk_create(relations, batch_size=BATCH, ignore_conflicts=True)
    drafts = []
    for n in range(20):
        opens = now - datetime.timedelta(days=40 - n * 2)
        summary = f"Dự thảo {n + 1}: " + " ".join(rng.choice(WORDS) for _ in range(12))
        draft = Document(slug=f"du-thao-bench-{start}-{n}", doc_type=rng.choice(types), issuer=issuers[5][0],
                         issue_date=opens.date(), summary=summary, summary_vi=summary, is_draft=True,
                         comment_opens=opens, comment_closes=opens + datetime.timedelta(days=30), publish_at=opens,
                         approval=Approval.APPROVED, approved_at=now)
        draft.fill_search()
        drafts.append(draft)
    Document.objects.bulk_create(drafts)
    pagecache.bump()
    pagecache.reschedule()
    return made
