import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from documents.models import Approval, Document, DocumentType, Issuer, Sector
from portal.roles import MODERATORS


@pytest.fixture(autouse=True)
def _opinion_settings(settings):
    settings.COMMENTS_NOTIFY_ASYNC = False
    settings.COMMENTS_RATE_LIMIT = 3


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("moderator1", "moderator1@example.gov.vn", "pass-Word-123",
                                                 is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def lists(db):
    """The managed lists: types from the migration, two issuers and two fields."""
    return {
        "decision": DocumentType.objects.get(name_vi="Quyết định"),
        "directive": DocumentType.objects.get(name_vi="Chỉ thị"),
        "plan": DocumentType.objects.get(name_vi="Kế hoạch"),
        "ubnd": Issuer.objects.create(name_vi="Ủy ban nhân dân tỉnh", name_en="Provincial People's Committee"),
        "sotttt": Issuer.objects.create(name_vi="Sở Thông tin và Truyền thông", name_en="Department of IC"),
        "digital": Sector.objects.get(name_vi="Chuyển đổi số"),
        "security": Sector.objects.get(name_vi="An toàn thông tin"),
    }


def make_document(lists, *, number="45/2026/QĐ-UBND", doc_type="decision", issuer="ubnd", sector="digital",
                  issue_date=None, **fields):
    today = timezone.localdate()
    defaults = {
        "number": number, "doc_type": lists[doc_type], "issuer": lists[issuer],
        "sector": lists[sector] if sector else None,
        "issue_date": issue_date or today - datetime.timedelta(days=30),
        "summary_vi": "Ban hành Quy chế quản lý Cổng thông tin điện tử",
        "summary_en": "Regulation on the web portal",
        "approval": Approval.APPROVED,
        "publish_at": timezone.now() - datetime.timedelta(hours=1),
        "signer": "Nguyễn Minh Tâm",
    }
    defaults.update(fields)
    return Document.objects.create(**defaults)


def make_draft(lists, *, opens=-1, closes=10, **fields):
    now = timezone.now()
    defaults = {"number": "", "is_draft": True, "comment_opens": now + datetime.timedelta(days=opens),
                "comment_closes": now + datetime.timedelta(days=closes),
                "summary_vi": "Dự thảo quy chế bảo đảm an toàn thông tin", "summary_en": "Draft security rules"}
    defaults.update(fields)
    return make_document(lists, **defaults)


@pytest.fixture
def document(lists):
    return make_document(lists)


def restore_document_data():
    """Re-run the documents' data migrations (a transactional test's flush empties their tables)."""
    from importlib import import_module

    from django.apps import apps as global_apps
    from django.db import connection

    module = import_module("documents.migrations.0002_lists_roles_search")
    with connection.schema_editor(atomic=False) as editor:
        for operation in module.Migration.operations:
            operation.code(global_apps, editor)
