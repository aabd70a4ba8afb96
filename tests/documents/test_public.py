"""The public pages: the list's filters in every combination, the number search, the detail page
with its files and relations, drafts, the home page's block, the feed and the sitemap."""

import datetime
import itertools
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import Approval, Document, DocumentFile, DocumentRelation, Validity
from documents.sitemaps import DocumentSitemap, sitemaps
from tests.conftest import make_article

from .conftest import make_document, make_draft

DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\n% a test file\n%%EOF\n"


def listed(client, query="", language="vi"):
    """The numbers the list shows for this query (every page)."""
    numbers, page = [], 1
    while True:
        separator = "&" if query else ""
        response = client.get(f"/{language}/documents/?{query}{separator}page={page}")
        assert response.status_code == 200
        numbers += re.findall(r'<td class="document-number"><a href="[^"]+">([^<]+)</a>', response.text)
        if 'rel="next"' not in response.text:
            return numbers
        page += 1


@pytest.fixture
def collection(lists):
    """Documents that differ by type, issuer, field, year and validity (and some not public)."""
    today = timezone.localdate()
    this_year, last_year = today.year, today.year - 1
    docs = []
    n = 0
    for doc_type, issuer, sector, year, state in itertools.product(
            ("decision", "directive"), ("ubnd", "sotttt"), ("digital", "security"), (this_year, last_year),
            ("in_force", "not_yet", "expired")):
        n += 1
        issued = datetime.date(year, 1, 1) + datetime.timedelta(days=n) if year == last_year else today - n * DAY
        if issued.year != year:
            issued = datetime.date(year, 1, 2)
        effective = {"in_force": None, "not_yet": today + 30 * DAY, "expired": issued}[state]
        expiry = today - DAY if state == "expired" else None
        docs.append(make_document(lists, number=f"{n}/{year}/X-{issuer.upper()}", doc_type=doc_type, issuer=issuer,
                                  sector=sector, issue_date=issued, effective_date=effective, expiry_date=expiry,
                                  summary_vi=f"Văn bản số {n}", summary_en=""))
    # One replaced by a later public one: "replaced" wins over its dates.
    replaced = docs[0]
    successor = make_document(lists, number=f"99/{this_year}/QĐ-UBND", issue_date=today - DAY,
                              summary_vi="Văn bản thay thế", summary_en="")
    DocumentRelation.objects.create(source=successor, kind="replaces", target=replaced)
    docs.append(successor)
    # Never listed: unapproved, due later, drafts for comment.
    make_document(lists, number="1/2026/CHUA-DUYET", approval=Approval.PENDING)
    make_document(lists, number="2/2026/HEN-GIO", publish_at=timezone.now() + datetime.timedelta(hours=2))
    make_draft(lists, number="3/2026/DU-THAO")
    return docs


def expected(docs, **wanted):
    result = []
    for doc in docs:
        if "type" in wanted and doc.doc_type_id != wanted["type"]:
            continue
        if "issuer" in wanted and doc.issuer_id != wanted["issuer"]:
            continue
        if "field" in wanted and doc.sector_id != wanted["field"]:
            continue
        if "year" in wanted and doc.issue_date.year != wanted["year"]:
            continue
        if "validity" in wanted and Document.objects.get(pk=doc.pk).validity() != wanted["validity"]:
            continue
        result.append(doc)
    return sorted(result, key=lambda d: (d.issue_date, d.pk), reverse=True)


def test_every_combination_of_filters_lists_exactly_its_documents(client, lists, collection):
    today = timezone.localdate()
    values = {"type": lists["directive"].pk, "issuer": lists["sotttt"].pk, "field": lists["security"].pk,
              "year": today.year - 1, "validity": Validity.EXPIRED.value}
    assert listed(client) == [d.number for d in expected(collection)]
    for size in range(1, len(values) + 1):
        for names in itertools.combinations(values, size):
            wanted = {name: values[name] for name in names}
            query = "&".join(f"{name}={value}" for name, value in wanted.items())
            assert listed(client, query) == [d.number for d in expected(collection, **wanted)], query
    for validity in Validity.values:
        assert set(listed(client, f"validity={validity}")) == {
            d.number for d in expected(collection, validity=validity)}, validity
    assert listed(client, "validity=replaced") == [collection[0].number]


def test_filters_combine_with_the_search_and_stay_in_the_address(client, lists, collection):
    today = timezone.localdate()
    query = f"year={today.year}&q=van+ban"
    numbers = listed(client, query)
    assert len(numbers) > 20 and set(numbers) == {d.number for d in expected(collection, year=today.year)}
    html = client.get(f"/vi/documents/?{query}").text
    # The page links keep every filter, in a fixed order; the form shows them chosen.
    assert f'href="?year={today.year}&amp;q=van+ban&amp;page=2"' in html
    assert f'<option value="{today.year}" selected>' in html
    assert 'value="van ban"' in html
    query = f"q=van+ban&type={lists['decision'].pk}&year={today.year}"
    assert set(listed(client, query)) == {d.number for d in expected(collection, type=lists["decision"].pk,
                                                                     year=today.year)}
    assert f'<option value="{lists["decision"].pk}" selected>' in client.get(f"/vi/documents/?{query}").text


def test_unknown_filter_values_are_ignored(client, lists, collection):
    everything = listed(client)
    for query in ("type=999999", "issuer=abc", "year=0001", "year=99999", "validity=nope", "field=-1",
                  "type=99999999999999999999"):
        assert listed(client, query) == everything, query


def test_the_list_runs_the_same_few_queries_whatever_it_holds(client, lists, collection,
                                                              django_assert_max_num_queries, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.models import SiteSettings

    settings.FRAGMENT_CACHE_SECONDS = 0
    SiteSettings.load()  # a running site has its settings row; creating it bumps the version
    counts = []

    for query in ("", "type=1", f"issuer={lists['ubnd'].pk}&validity=in_force", "q=45/2026&year=2026", "page=2"):
        client.get(f"/vi/documents/?{query}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/vi/documents/?{query}").status_code == 200
        counts.append(len(queries))
    # The page's rows and whether they are replaced (and for a number, whether numbers begin
    # with it); the count, the years and the lists are kept.
    assert max(counts) <= 3, counts


def test_the_number_search_on_the_list(client, lists):
    wanted = make_document(lists, number="45/2026/QĐ-UBND")
    make_document(lists, number="45/2025/QĐ-UBND", issue_date=timezone.localdate() - 400 * DAY)
    for query in ("45/2026/QĐ-UBND", "45 2026 qd ubnd", "45/2026"):
        response = client.get("/vi/documents/", {"q": query})
        assert listed(client, f"q={query}") == [wanted.number], query
        assert "noindex" in response.text  # a search is not indexed


def test_the_detail_page_shows_every_field_the_files_and_the_relations_both_ways(client, lists, category):
    today = timezone.localdate()
    old = make_document(lists, number="18/2023/QĐ-UBND", issue_date=today - 900 * DAY, summary_vi="Quy chế cũ")
    document = make_document(lists, issue_date=today - 20 * DAY, effective_date=today - 10 * DAY,
                             expiry_date=today + 300 * DAY, content_vi="<p>Điều 1. Phạm vi điều chỉnh</p>")
    guide = make_document(lists, number="2/2026/HD-STTTT", issuer="sotttt", summary_vi="Hướng dẫn thi hành")
    hidden = make_document(lists, number="9/2026/AN", approval=Approval.DRAFT)
    DocumentRelation.objects.create(source=document, kind="replaces", target=old)
    DocumentRelation.objects.create(source=guide, kind="guides", target=document)
    DocumentRelation.objects.create(source=hidden, kind="amends", target=document)
    DocumentFile.objects.create(document=document, title_vi="Văn bản đã ký", file=ContentFile(PDF, name="qd45.pdf"))
    DocumentFile.objects.create(document=document, title_vi="Phụ lục", file=ContentFile(b"PK\x03\x04x", name="pl.docx"))
    article = make_article(category)
    document.related_articles.add(article)
    html = client.get(document.get_absolute_url()).text
    for text in ("Quyết định 45/2026/QĐ-UBND", "Ban hành Quy chế quản lý Cổng thông tin điện tử",
                 "Ủy ban nhân dân tỉnh", "Chuyển đổi số", "Nguyễn Minh Tâm", (today - 20 * DAY).strftime("%d/%m/%Y"),
                 (today - 10 * DAY).strftime("%d/%m/%Y"), (today + 300 * DAY).strftime("%d/%m/%Y"),
                 "Điều 1. Phạm vi điều chỉnh", "Văn bản đã ký", "PDF", "DOCX", article.title_vi,
                 old.get_absolute_url(), guide.get_absolute_url()):
        assert text in html, text
    assert hidden.get_absolute_url() not in html
    assert 'class="validity validity-in_force"' in html
    # The other side of each relation.
    assert document.get_absolute_url() in client.get(old.get_absolute_url()).text
    old_html = client.get(old.get_absolute_url()).text
    assert 'validity-replaced' in old_html
    assert document.get_absolute_url() in client.get(guide.get_absolute_url()).text
    # Open Graph and the head.
    assert '<meta property="og:title" content="Quyết định 45/2026/QĐ-UBND">' in html
    assert 'rel="canonical"' in html


def test_the_english_page(client, document):
    html = client.get(f"/en/documents/{document.slug}/").text
    assert "Regulation on the web portal" in html and "Decision 45/2026/QĐ-UBND" in html
    untranslated = make_document({**{"decision": document.doc_type, "ubnd": document.issuer, "digital": None}},
                                 number="7/2026/QĐ-UBND", summary_en="", sector=None)
    html = client.get(f"/en/documents/{untranslated.slug}/").text
    assert 'lang="vi"' in html and "Ban hành Quy chế" in html


def test_files_download_and_pdfs_open_in_the_browser(client, document):
    pdf = DocumentFile.objects.create(document=document, title_vi="Bản ký", file=ContentFile(PDF, name="qd45.pdf"))
    docx = DocumentFile.objects.create(document=document, file=ContentFile(b"PK\x03\x04x", name="phu-luc.docx"))
    download = client.get(f"/vi/documents/{document.slug}/files/{pdf.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    view = client.get(f"/vi/documents/{document.slug}/files/{pdf.pk}/view/")
    assert view.status_code == 200 and view["Content-Disposition"].startswith("inline")
    assert view["Content-Type"] == "application/pdf" and "script" not in view["Content-Security-Policy"]
    assert "sandbox" in download["Content-Security-Policy"]
    assert client.get(f"/vi/documents/{document.slug}/files/{docx.pk}/view/").status_code == 404
    word = client.get(f"/vi/documents/{document.slug}/files/{docx.pk}/")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    # Another document's address, or a document readers cannot see: nothing.
    other = make_document({"decision": document.doc_type, "ubnd": document.issuer, "digital": None},
                          number="8/2026/QĐ-UBND", sector=None, approval=Approval.PENDING)
    assert client.get(f"/vi/documents/{other.slug}/files/{pdf.pk}/").status_code == 404
    secret = DocumentFile.objects.create(document=other, file=ContentFile(PDF, name="mat.pdf"))
    assert client.get(f"/vi/documents/{other.slug}/files/{secret.pk}/").status_code == 404


def test_only_approved_and_due_documents_are_public(client, lists, approver):
    pending = make_document(lists, approval=Approval.PENDING)
    later = make_document(lists, number="2/2026/QĐ-UBND", publish_at=timezone.now() + datetime.timedelta(days=1))
    for document in (pending, later):
        assert client.get(document.get_absolute_url()).status_code == 404
    assert listed(client) == []
    client.force_login(approver)
    preview = client.get(pending.get_absolute_url())
    assert preview.status_code == 200 and "noindex" in preview.text and "Xem trước" in preview.text


def test_the_standards_of_a_public_page(client, lists, category):
    """A description, one h1 and no skipped heading level, no inline style, times without microseconds."""
    document = make_document(lists, publish_at=timezone.now().replace(microsecond=123456) - DAY)
    DocumentFile.objects.create(document=document, file=ContentFile(PDF, name="a.pdf"))
    draft = make_draft(lists, opinion_summary_vi="Tổng hợp")
    for url in ("/vi/documents/", "/en/documents/?q=quy+che", "/vi/documents/drafts/", document.get_absolute_url(),
                draft.get_absolute_url(), f"/vi/documents/{draft.slug}/opinion/", "/vi/"):
        html = client.get(url).text
        assert re.search(r'<meta name="description" content="[^"]+">', html), url
        assert len(re.findall(r"<h1\b", html)) == 1, url
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (url, levels)
        assert " style=" not in html, url
        for value in re.findall(r'<time datetime="([^"]+)"', html):
            assert "." not in value, (url, value)


def test_drafts_are_listed_open_then_closed(client, lists):
    open_draft = make_draft(lists, summary_vi="Dự thảo đang lấy ý kiến")
    closed = make_draft(lists, opens=-30, closes=-2, summary_vi="Dự thảo đã đóng")
    upcoming = make_draft(lists, opens=3, closes=30, summary_vi="Dự thảo sắp mở")
    html = client.get("/vi/documents/drafts/").text
    open_at, upcoming_at, closed_at = (html.index(d.get_absolute_url()) for d in (open_draft, upcoming, closed))
    assert html.index('id="drafts-open"') < open_at < html.index('id="drafts-upcoming"') < upcoming_at
    assert html.index('id="drafts-closed"') < closed_at
    # Drafts are not in the documents' list.
    assert "Dự thảo" not in "".join(listed(client))


def test_home_shows_new_documents_and_open_drafts(client, lists):
    document = make_document(lists)
    draft = make_draft(lists, summary_vi="Dự thảo quy chế")
    make_document(lists, number="1/2026/KIN", approval=Approval.PENDING, summary_vi="Chưa duyệt")
    html = client.get("/vi/").text
    assert 'id="home-documents-title"' in html and "Văn bản mới" in html
    assert document.get_absolute_url() in html and draft.get_absolute_url() in html
    assert "Chưa duyệt" not in html


def test_the_feed_and_the_sitemap(client, lists):
    document = make_document(lists)
    make_document(lists, number="1/2026/KIN", approval=Approval.PENDING)
    feed = client.get("/vi/documents/rss/")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/rss+xml")
    assert document.get_absolute_url() in feed.text and "1/2026/KIN" not in feed.text
    assert set(sitemaps) == {"documents"} and sitemaps["documents"] is DocumentSitemap
    assert list(DocumentSitemap().items()) == [document]
    from django.contrib.sites.requests import RequestSite
    from django.test import RequestFactory

    urls = DocumentSitemap().get_urls(site=RequestSite(RequestFactory().get("/")), protocol="https")
    assert {u["location"].split("/", 3)[3] for u in urls} >= {f"vi/documents/{document.slug}/",
                                                                f"en/documents/{document.slug}/"}


def test_a_pages_cached_validity_changes_on_the_day(client, lists, settings):
    """The list is kept in the template cache; its validity still changes when the day comes."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    today = timezone.localdate()
    make_document(lists, effective_date=today + DAY)
    assert "validity-not_yet" in client.get("/vi/documents/").text
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=today + DAY):
        assert "validity-in_force" in client.get("/vi/documents/").text


def test_the_filter_forms_empty_fields_leave_the_address(client, lists):
    response = client.get("/vi/documents/", {"q": "45 2026", "type": lists["decision"].pk, "issuer": "", "field": "",
                                             "year": "", "validity": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/vi/documents/?type={lists['decision'].pk}&q=45+2026"
    assert client.get("/vi/documents/?q=&type=").headers["Location"] == "/vi/documents/"
