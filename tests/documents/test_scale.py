"""The benchmark's seeding of documents, and the list's queries not growing with the documents."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, DocumentRelation
from portal.models import SiteSettings


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_seeding_many_documents_keeps_the_pages_queries(client, db, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0  # every block rendered: only the counts and lists are kept
    SiteSettings.load()
    call_command("seed_documents", documents=150, stdout=io.StringIO())
    urls = ["/vi/documents/", "/vi/documents/?validity=in_force&page=2", "/vi/documents/?q=chuyen",
            "/vi/documents/?validity=replaced", "/vi/documents/drafts/"]
    document = Document.objects.filter(relations_in__isnull=False).first()
    urls.append(document.get_absolute_url())
    few = [queries(client, url) for url in urls]
    call_command("seed_documents", documents=400, stdout=io.StringIO())
    assert Document.objects.documents().count() == 550 and Document.objects.drafts().count() == 40
    assert DocumentRelation.objects.count() >= 15
    many = [queries(client, url) for url in urls]
    assert many == few and max(many) <= 6, (few, many)
    # --if-empty leaves them be.
    call_command("seed_documents", documents=10, if_empty=True, stdout=io.StringIO())
    assert Document.objects.documents().count() == 550
