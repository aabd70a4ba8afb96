"""The demo portal fills the royalty report."""

import datetime
import io

from django.utils import timezone

from royalties.services import royalty_report


def test_demo_content_fills_the_report(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    today = timezone.localdate()
    report = royalty_report(start=today - datetime.timedelta(days=365), end=today)
    assert report.total.count >= 10 and report.total.fee > 0 and report.total.paid > 0 and report.total.unpaid > 0
    assert report.total.missing_fee == 0
