"""Validity follows the dates and the relations; the folded search columns; checks on save."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents import search
from documents.models import Approval, Document, DocumentRelation, Validity, next_change
from documents.validators import validate_document_file

from .conftest import make_document

DAY = datetime.timedelta(days=1)


def validity_in_queries(document, today=None):
    """The validity the list filter finds the document under (each filter tried)."""
    found = [value for value in Validity.values
             if Document.objects.by_validity(value, today).filter(pk=document.pk).exists()]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("issued, effective, expiry, expected", [
    (-30, None, None, Validity.IN_FORCE),  # in force from its issue date
    (-30, -10, None, Validity.IN_FORCE),
    (-30, 0, None, Validity.IN_FORCE),  # its first day
    (-30, 5, None, Validity.NOT_YET),
    (3, None, None, Validity.NOT_YET),  # issued later (a date typed ahead)
    (-30, -10, 0, Validity.EXPIRED),  # the expiry date is the first day out of force
    (-30, -10, 1, Validity.IN_FORCE),
    (-300, -200, -100, Validity.EXPIRED),
])
def test_validity_follows_the_dates(lists, issued, effective, expected, expiry):
    today = timezone.localdate()
    document = make_document(lists, issue_date=today + issued * DAY,
                             effective_date=today + effective * DAY if effective is not None else None,
                             expiry_date=today + expiry * DAY if expiry is not None else None)
    assert document.validity() == expected
    assert validity_in_queries(document) == expected
    annotated = Document.objects.with_validity().get(pk=document.pk)
    assert annotated.current_validity == expected


def test_validity_moves_with_the_day(lists):
    today = timezone.localdate()
    document = make_document(lists, issue_date=today - 10 * DAY, effective_date=today + 2 * DAY,
                             expiry_date=today + 20 * DAY)
    assert document.validity(today) == Validity.NOT_YET
    assert document.validity(today + 2 * DAY) == Validity.IN_FORCE
    assert validity_in_queries(document, today + 2 * DAY) == Validity.IN_FORCE
    assert document.validity(today + 20 * DAY) == Validity.EXPIRED
    assert validity_in_queries(document, today + 20 * DAY) == Validity.EXPIRED


def test_a_document_is_replaced_once_its_public_replacement_is_in_force(lists):
    today = timezone.localdate()
    old = make_document(lists, number="18/2023/QĐ-UBND", issue_date=today - 900 * DAY)
    new = make_document(lists, number="45/2026/QĐ-UBND", issue_date=today - 5 * DAY,
                        effective_date=today + 5 * DAY, approval=Approval.DRAFT)
    DocumentRelation.objects.create(source=new, kind="replaces", target=old)
    # Not approved: the old one stays in force.
    assert old.validity() == Validity.IN_FORCE and validity_in_queries(old) == Validity.IN_FORCE
    Document.objects.filter(pk=new.pk).update(approval=Approval.APPROVED)
    # Approved, but not yet in force.
    assert Document.objects.get(pk=old.pk).validity() == Validity.IN_FORCE
    assert old.validity(today + 5 * DAY) == Validity.REPLACED
    assert validity_in_queries(old, today + 5 * DAY) == Validity.REPLACED
    # Amending or guiding does not replace.
    other = make_document(lists, number="50/2026/QĐ-UBND")
    DocumentRelation.objects.create(source=other, kind="amends", target=old)
    assert old.validity() == Validity.IN_FORCE


def test_validity_is_never_a_field_an_editor_types():
    names = {field.name for field in Document._meta.get_fields()}
    assert not names & {"validity", "status", "in_force", "is_replaced", "is_expired"}


@pytest.mark.parametrize("query", ["45/2026/QĐ-UBND", "45 2026 qd ubnd", "45/2026", "45-2026", "QĐ-UBND 45/2026",
                                   "45/2026/qđ-ubnd", "  45 / 2026 ", "45/2026/QD-UBND"])
def test_the_number_search_ignores_marks_case_and_punctuation(lists, query):
    wanted = make_document(lists, number="45/2026/QĐ-UBND")
    make_document(lists, number="45/2025/QĐ-UBND", issue_date=timezone.localdate() - 400 * DAY)
    make_document(lists, number="145/2026/QĐ-UBND", summary_vi="Một văn bản khác", summary_en="")
    make_document(lists, number="5/2026/CT-UBND", doc_type="directive", summary_vi="Chỉ thị", summary_en="")
    found = list(search.ranked(Document.objects.all(), query))
    assert found[0] == wanted, [d.number for d in found]
    numbers = {d.number for d in found}
    assert "45/2025/QĐ-UBND" not in numbers and "5/2026/CT-UBND" not in numbers
    assert "145/2026/QĐ-UBND" not in numbers  # a whole number, not a piece of one


def test_the_search_finds_words_of_the_summary_without_marks(lists):
    wanted = make_document(lists, summary_vi="Về tăng cường bảo đảm an toàn thông tin mạng", summary_en="")
    make_document(lists, number="1/2026/KH-UBND", summary_vi="Kế hoạch chuyển đổi số", summary_en="")
    assert list(search.ranked(Document.objects.all(), "an toan thong tin")) == [wanted]
    assert list(search.ranked(Document.objects.all(), "BẢO ĐẢM")) == [wanted]
    assert list(search.ranked(Document.objects.all(), "ủy ban")) != []  # the issuer's name too
    assert list(search.ranked(Document.objects.all(), "khong co")) == []


def test_the_folded_columns_follow_every_save(document):
    assert document.number_search == " 45 2026 qd ubnd "
    assert " ban hanh quy che " in document.search_text and " regulation on the web portal " in document.search_text
    document.number = "46/2026/QĐ-UBND"
    document.save(update_fields=["number"])
    document.refresh_from_db()
    assert document.number_search == " 46 2026 qd ubnd "


def test_the_address_is_made_from_the_number(lists):
    first = make_document(lists, number="45/2026/QĐ-UBND")
    second = make_document(lists, number="45/2026/QĐ-UBND", issuer="sotttt")
    assert first.slug == "45-2026-qd-ubnd" and second.slug == "45-2026-qd-ubnd-2"
    assert first.get_absolute_url() == "/vi/documents/45-2026-qd-ubnd/"


def test_dates_and_drafts_are_checked(lists):
    today = timezone.localdate()
    document = Document(number="1/2026/QĐ-UBND", doc_type=lists["decision"], issuer=lists["ubnd"],
                        issue_date=today, effective_date=today - DAY, summary_vi="x")
    with pytest.raises(ValidationError) as error:
        document.clean()
    assert "effective_date" in error.value.message_dict
    document.effective_date, document.expiry_date = today, today
    with pytest.raises(ValidationError) as error:
        document.clean()
    assert "expiry_date" in error.value.message_dict
    draft = Document(doc_type=lists["decision"], issuer=lists["ubnd"], issue_date=today, summary_vi="x",
                     is_draft=True, comment_opens=timezone.now())
    with pytest.raises(ValidationError) as error:
        draft.clean()
    assert "comment_closes" in error.value.message_dict


def test_a_relation_with_itself_is_refused(document):
    with pytest.raises(ValidationError):
        DocumentRelation(source=document, target=document, kind="amends").clean()


@pytest.mark.parametrize("name, content, ok", [
    ("van-ban.pdf", b"%PDF-1.4\n...", True),
    ("van-ban.docx", b"PK\x03\x04rest", True),
    ("van-ban.odt", b"PK\x03\x04rest", True),
    ("van-ban.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", True),
    ("van-ban.pdf", b"<html><script>alert(1)</script>", False),  # a page named .pdf
    ("van-ban.exe", b"MZ", False),
    ("van-ban.html", b"<html>", False),
])
def test_files_must_be_what_their_names_say(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        validate_document_file(upload)
    else:
        with pytest.raises(ValidationError):
            validate_document_file(upload)


def test_pages_change_by_themselves_when_a_document_is_due(lists):
    now = timezone.now()
    make_document(lists, publish_at=now + datetime.timedelta(hours=3))
    make_document(lists, number="2/2026/QĐ-UBND", effective_date=timezone.localdate() + 2 * DAY)
    when = next_change(now)
    assert when is not None and now < when <= now + datetime.timedelta(hours=3)
