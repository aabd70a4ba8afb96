import io

from django.core.management import call_command

from documents.models import Document, DocumentFile, DocumentRelation, Opinion, Validity


def test_the_demo_has_thirty_documents_two_relations_and_two_drafts(reference_data, monkeypatch):
    from .conftest import restore_document_data

    restore_document_data()
    monkeypatch.setenv("DEMO_PASSWORD", "Demo-Mat-Khau-2026")
    call_command("load_demo", stdout=io.StringIO())
    documents = Document.objects.documents()
    assert documents.count() == 30 and documents.published().count() == 30
    assert documents.values("doc_type").distinct().count() >= 8
    assert documents.values("issuer").distinct().count() == 5
    assert len({d.issue_date.year for d in documents}) == 5
    assert DocumentRelation.objects.count() == 2
    assert {Validity(d.validity()) for d in documents} == set(Validity)
    assert DocumentFile.objects.filter(file__endswith=".pdf").exists()
    assert Document.objects.published().open_for_comment().get().opinions.visible().count() >= 2
    closed = Document.objects.published().closed_for_comment().get()
    assert closed.opinion_summary_vi and closed.opinions.exists()
    assert Document.objects.get(number__startswith="45/", number__endswith="/QĐ-UBND",
                                issue_date__year=documents.latest("issue_date").issue_date.year)
    # Idempotent.
    call_command("load_demo", stdout=io.StringIO())
    assert Document.objects.count() == 32 and Opinion.objects.count() == 5
