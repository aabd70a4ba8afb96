"""The back office: roles as for articles, the admin list's filters and search, the import."""

import csv
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.models import Approval, Document, Opinion

from .conftest import make_document, make_draft

CHANGELIST = "/admin/documents/document/"
IMPORT = "/admin/documents/document/import/"


def add_form(lists, **fields):
    data = {
        "number": "12/2026/CT-UBND", "doc_type": lists["directive"].pk, "issuer": lists["ubnd"].pk,
        "sector": lists["security"].pk, "signer": "Nguyễn Minh Tâm", "issue_date": "02/03/2026",
        "effective_date": "", "expiry_date": "", "summary_vi": "Về tăng cường an toàn thông tin",
        "summary_en": "", "content_vi": "", "content_en": "", "opinion_summary_vi": "", "opinion_summary_en": "",
        "publish_at_0": "02/03/2026", "publish_at_1": "08:00", "slug": "",
        "files-TOTAL_FORMS": "0", "files-INITIAL_FORMS": "0",
        "relations_out-TOTAL_FORMS": "0", "relations_out-INITIAL_FORMS": "0",
        "relations_in-TOTAL_FORMS": "0", "relations_in-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_an_editor_enters_and_submits_but_cannot_approve(client, editor, lists):
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}add/").status_code == 200
    response = client.post(f"{CHANGELIST}add/", add_form(lists, _approve="1"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    document = Document.objects.get()
    assert document.created_by == editor and document.approval == Approval.DRAFT
    assert document.number_search == " 12 2026 ct ubnd "
    client.post(f"{CHANGELIST}{document.pk}/change/", add_form(lists, _submit="1"))
    document.refresh_from_db()
    assert document.approval == Approval.PENDING
    # Not public until an approver approves it.
    assert client.get(document.get_absolute_url()).status_code == 200  # a preview for staff
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_an_approver_publishes(client, approver, editor, lists):
    document = make_document(lists, approval=Approval.PENDING, created_by=editor)
    client.force_login(approver)
    data = add_form(lists, number=document.number, _approve="1")
    response = client.post(f"{CHANGELIST}{document.pk}/change/", data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.approval == Approval.APPROVED and document.approved_by == approver
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200


def test_an_editor_cannot_change_an_approved_or_anothers_document(client, editor, other_editor, lists):
    approved = make_document(lists, created_by=editor)
    others = make_document(lists, number="2/2026/QĐ-UBND", approval=Approval.DRAFT, created_by=other_editor)
    client.force_login(editor)
    for document in (approved, others):
        client.post(f"{CHANGELIST}{document.pk}/change/", add_form(lists, summary_vi="Đã sửa"))
        document.refresh_from_db()
        assert document.summary_vi != "Đã sửa"
    # Nor approve through the bulk action.
    draft = make_document(lists, number="3/2026/QĐ-UBND", approval=Approval.PENDING, created_by=editor)
    client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.approval == Approval.PENDING


def test_readers_and_moderators_permissions(client, moderator, lists, django_user_model):
    draft = make_draft(lists)
    opinion = Opinion.objects.create(document=draft, name="A", email="a@example.com", body="Ý kiến của tôi.")
    client.force_login(moderator)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get("/admin/documents/opinion/").status_code == 200
    client.post("/admin/documents/opinion/", {"action": "approve_selected", "_selected_action": [opinion.pk]})
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.APPROVED and opinion.moderated_by == moderator
    nobody = django_user_model.objects.create_user("staff", "s@example.com", "pass-Word-123", is_staff=True)
    client.force_login(nobody)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(IMPORT).status_code == 403


def test_the_admin_list_filters_and_searches_like_the_public_one(client, approver, lists):
    today = timezone.localdate()
    wanted = make_document(lists)
    make_document(lists, number="45/2025/QĐ-UBND", issue_date=today.replace(year=today.year - 1))
    expired = make_document(lists, number="1/2020/CT-UBND", doc_type="directive",
                            issue_date=today.replace(year=today.year - 3), expiry_date=today)
    client.force_login(approver)
    for query in ("45/2026/QĐ-UBND", "45 2026 qd ubnd", "45/2026"):
        page = client.get(CHANGELIST, {"q": query})
        assert [d.pk for d in page.context["cl"].result_list] == [wanted.pk], query
    page = client.get(CHANGELIST, {"validity": "expired"})
    assert [d.pk for d in page.context["cl"].result_list] == [expired.pk]
    page = client.get(CHANGELIST, {"year": str(today.year - 1), "doc_type__id__exact": lists["decision"].pk})
    assert [d.number for d in page.context["cl"].result_list] == ["45/2025/QĐ-UBND"]
    assert "Hết hiệu lực" in client.get(CHANGELIST).text


def csv_upload(rows, name="van-ban.csv", header=None):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or ["Số/Ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Lĩnh vực", "Người ký",
                               "Ngày ban hành", "Ngày hiệu lực", "Ngày hết hiệu lực", "Trích yếu",
                               "Trích yếu tiếng Anh"])
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


GOOD = [
    ["10/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Chuyển đổi số", "Nguyễn Minh Tâm", "05/01/2026",
     "15/01/2026", "", "Ban hành quy chế số 10", "Regulation 10"],
    ["11/2026/CT-UBND", "chi thi", "UY BAN NHAN DAN TINH", "", "", "2026-02-01", "", "", "Chỉ thị số 11", ""],
    ["12/2026/KH-UBND", "Plan", "Provincial People's Committee", "Digital transformation", "", "01/03/2026", "",
     "31/12/2026", "Kế hoạch số 12", "Plan 12"],
]


def test_a_dry_run_checks_every_row_and_imports_nothing(client, approver, lists):
    client.force_login(approver)
    response = client.post(IMPORT, {"file": csv_upload(GOOD), "dry_run": "on"})
    report = response.context["report"]
    assert len(report.accepted) == 3 and not report.rejected and report.imported == 0
    assert not Document.objects.exists()
    assert "Chạy thử" in response.text


def test_the_import_stores_every_row(client, editor, lists):
    client.force_login(editor)
    response = client.post(IMPORT, {"file": csv_upload(GOOD)})
    assert response.context["report"].imported == 3
    documents = {d.number: d for d in Document.objects.all()}
    assert set(documents) == {"10/2026/QĐ-UBND", "11/2026/CT-UBND", "12/2026/KH-UBND"}
    first = documents["10/2026/QĐ-UBND"]
    assert first.doc_type == lists["decision"] and first.sector == lists["digital"] and first.summary_en == "Regulation 10"
    assert first.effective_date.isoformat() == "2026-01-15" and first.slug == "10-2026-qd-ubnd"
    assert first.number_search == " 10 2026 qd ubnd " and first.created_by == editor
    assert documents["11/2026/CT-UBND"].doc_type == lists["directive"]
    # An editor's imports wait for an approver, as anything an editor enters.
    assert {d.approval for d in documents.values()} == {Approval.DRAFT}


def test_an_approver_may_publish_on_import_from_an_xlsx(client, approver, lists):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["number", "type", "issuer", "field", "signer", "issue date", "effective date", "expiry date",
                  "summary", "summary en"])
    import datetime

    sheet.append(["20/2026/QĐ-UBND", "Decision", "Ủy ban nhân dân tỉnh", "", "", datetime.datetime(2026, 1, 5),
                  None, None, "Quyết định số 20", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(approver)
    upload = SimpleUploadedFile("van-ban.xlsx", buffer.getvalue())
    response = client.post(IMPORT, {"file": upload, "approve": "on"})
    assert response.context["report"].imported == 1
    document = Document.objects.get()
    assert document.approval == Approval.APPROVED and document.issue_date.isoformat() == "2026-01-05"
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200


def test_each_rejected_row_is_reported_with_its_reason_and_nothing_is_half_imported(client, approver, lists):
    make_document(lists, number="45/2026/QĐ-UBND")
    rows = GOOD + [
        ["", "Quyết định", "Ủy ban nhân dân tỉnh", "", "", "01/01/2026", "", "", "Không số", ""],
        ["13/2026/QĐ-UBND", "Sắc lệnh", "Ủy ban nhân dân tỉnh", "", "", "01/01/2026", "", "", "Loại lạ", ""],
        ["14/2026/QĐ-UBND", "Quyết định", "Bộ Ngoại giao", "", "", "01/01/2026", "", "", "Cơ quan lạ", ""],
        ["15/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "", "", "32/13/2026", "", "", "Ngày sai", ""],
        ["16/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "", "", "10/01/2026", "01/01/2026", "", "Hiệu lực trước", ""],
        ["45/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "", "", "01/01/2026", "", "", "Đã có", ""],
        ["10/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "", "", "05/01/2026", "", "", "Trùng dòng", ""],
        ["17/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "", "", "01/01/0001", "", "", "Năm 1", ""],
        ["18/2026/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "", "", "01/01/2026", "", "", "", ""],
    ]
    client.force_login(approver)
    response = client.post(IMPORT, {"file": csv_upload(rows)})
    report = response.context["report"]
    reasons = {row.line: " ".join(str(error) for error in row.errors) for row in report.rejected}
    assert set(reasons) == set(range(5, 14)), reasons
    assert "Thiếu số/ký hiệu" in reasons[5]
    assert "Sắc lệnh" in reasons[6] and "không có trong danh mục" in reasons[6]
    assert "Bộ Ngoại giao" in reasons[7]
    assert "32/13/2026" in reasons[8]
    assert "trước ngày ban hành" in reasons[9]
    assert "đã có trên cổng" in reasons[10]
    assert "dòng trước" in reasons[11]
    assert "khoảng năm" in reasons[12]
    assert "Thiếu trích yếu" in reasons[13]
    assert Document.objects.count() == 1  # the three good rows were not imported either
    assert "Chưa nhập văn bản nào" in response.text
    for line in reasons:
        assert f"<td>{line}</td>" in response.text


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("van-ban.txt", b"x"), "CSV hoặc XLSX"),
    (SimpleUploadedFile("van-ban.xlsx", b"not a workbook"), "XLSX"),
    (SimpleUploadedFile("van-ban.csv", "Số;Loại\n1;2".encode("utf-16")), "UTF-8"),
    (SimpleUploadedFile("van-ban.csv", b"a,b,c\n1,2,3\n"), "thiếu"),
    (SimpleUploadedFile("van-ban.csv", b"\n\n"), "trống"),
])
def test_an_unreadable_file_is_refused_whole(client, approver, lists, upload, message):
    client.force_login(approver)
    response = client.post(IMPORT, {"file": upload})
    assert response.status_code == 200 and message in response.context["error"]
    assert not Document.objects.exists()


def test_the_admin_index_counts_what_waits_for_each_role(client, approver, editor, moderator, lists):
    make_document(lists, approval=Approval.PENDING)
    make_document(lists, number="46/2026/QĐ-UBND", approval=Approval.APPROVED)
    draft = make_draft(lists)
    Opinion.objects.create(document=draft, name="A", email="a@example.com", body="Ý kiến của tôi về dự thảo.")
    client.force_login(approver)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").text
    waiting = re.search(r'<a href="([^"]+)">Documents awaiting approval</a></th>\s*<td[^>]*>(\d+)</td>', page)
    assert waiting and waiting.group(2) == "1"
    assert client.get(waiting.group(1).replace("&amp;", "&")).status_code == 200  # the list filtered so
    opinions = re.search(r'<a href="([^"]+)">Opinions on drafts awaiting moderation</a></th>\s*<td[^>]*>(\d+)</td>', page)
    assert opinions and opinions.group(2) == "1"
    assert client.get(opinions.group(1)).status_code == 200
    client.force_login(moderator)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Opinions on drafts awaiting moderation" in page and "Documents awaiting approval" not in page
    client.force_login(editor)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Documents awaiting approval" not in page and "Opinions on drafts" not in page
