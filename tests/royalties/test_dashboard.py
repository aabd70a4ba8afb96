"""The admin index counts unpaid royalties for those who may see the report."""

import datetime
from decimal import Decimal

from django.utils import timezone, translation

from articles.models import Article
from portal.dashboard import dashboard_items
from royalties.services import royalty_unpaid_counts
from tests.conftest import make_article
from tests.royalties.conftest import REPORT_URL, paid


def test_dashboard_counts_unpaid_royalties_and_those_older_than_45_days(rf, approver, editor, category):
    now = timezone.now()
    paid(category, title="Mới", publish_at=now - datetime.timedelta(days=10))
    paid(category, title="Cũ", publish_at=now - datetime.timedelta(days=50))
    paid(category, title="Rất cũ", publish_at=now - datetime.timedelta(days=90))
    paid(category, title="Đã trả", publish_at=now - datetime.timedelta(days=90),
         royalty_paid_at=timezone.localdate() - datetime.timedelta(days=30))
    paid(category, title="Hệ số 0", coefficient=Decimal("0"), publish_at=now - datetime.timedelta(days=90))
    paid(category, title="Hẹn giờ", publish_at=now + datetime.timedelta(days=2))
    make_article(category, title="Chờ", approval=Article.Approval.PENDING, publish_at=now - datetime.timedelta(days=90))
    assert royalty_unpaid_counts() == {"unpaid": 3, "late": 2}

    request = rf.get("/admin/")
    request.user = approver
    items = {item["label"]: item for item in dashboard_items(request)}
    with translation.override("en"):
        items = {item["label"]: item for item in dashboard_items(request)}
    assert items["Unpaid royalties"]["count"] == 3
    late = items["Unpaid royalties older than 45 days"]
    assert late["count"] == 2 and late["warning"] and late["url"] == f"{REPORT_URL}?unpaid=on"
    assert "Articles awaiting approval" in items  # the existing item stays

    request.user = editor
    assert not any("royalt" in str(item["label"]).lower() for item in dashboard_items(request))


def test_admin_index_shows_the_royalty_items_to_approvers(client, approver, category):
    paid(category, publish_at=timezone.now() - datetime.timedelta(days=50))
    client.force_login(approver)
    html = client.get("/admin/").text
    assert "Nhuận bút chưa trả" in html and f"{REPORT_URL}?unpaid=on" in html
