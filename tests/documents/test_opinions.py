"""Opinions on drafts: the comments' protections, the deadline closing the form by itself, the summary."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from documents.models import Opinion
from portal.models import SiteSettings

from .conftest import make_draft


def opinion_url(draft, language="vi"):
    return f"/{language}/documents/{draft.slug}/opinion/"


def form_data(**fields):
    data = {"name": "Nguyễn Thị Hoa", "email": "hoa.reader@example.com",
            "body": "Đề nghị bổ sung quy định về sao lưu dữ liệu định kỳ.", "website": "",
            "captcha_0": "test-key", "captcha_1": "PASSED"}
    data.update(fields)
    return data


@pytest.fixture
def draft(lists):
    return make_draft(lists)


def test_a_reader_sends_an_opinion_that_waits_for_moderation(client, draft, moderator, approver,
                                                             django_capture_on_commit_callbacks):
    page = client.get(opinion_url(draft))
    assert page.status_code == 200 and 'name="captcha_1"' in page.text and 'name="website"' in page.text
    assert page["X-Robots-Tag"] == "noindex" and "no-cache" in page["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(opinion_url(draft), form_data())
    assert response.status_code == 302 and response["Location"].endswith(f"{draft.get_absolute_url()}#opinions")
    opinion = Opinion.objects.get()
    assert opinion.status == Opinion.Status.PENDING and opinion.visitor and opinion.document == draft
    # The moderators are told, one message each; the opinion is not shown before approval.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([moderator.email, approver.email])
    assert f"/admin/documents/opinion/{opinion.pk}/change/" in mail.outbox[0].body
    page = client.get(draft.get_absolute_url()).text
    assert "sao lưu dữ liệu" not in page
    opinion.moderate(Opinion.Status.APPROVED, by=moderator)
    page = client.get(draft.get_absolute_url()).text
    assert "sao lưu dữ liệu" in page and "Nguyễn Thị Hoa" in page
    assert "hoa.reader@example.com" not in page  # the e-mail is never public


@pytest.mark.parametrize("fields, error", [
    ({"website": "http://spam.example"}, "website"),  # the honeypot
    ({"captcha_1": "WRONG"}, "captcha"),
    ({"email": "not-an-address"}, "email"),
    ({"body": "ngắn"}, "body"),
    ({"body": "x\x07 điều khiển, không đọc được"}, "body"),
])
def test_the_comment_protections_refuse_it(client, draft, fields, error):
    response = client.post(opinion_url(draft), form_data(**fields))
    assert response.status_code == 200 and error in response.context["form"].errors
    assert not Opinion.objects.exists()


def test_the_rate_limit_is_the_comments_one(client, draft, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    for n in range(2):
        assert client.post(opinion_url(draft), form_data(body=f"Ý kiến thứ {n} về dự thảo này.")).status_code == 302
    refused = client.post(opinion_url(draft), form_data(body="Ý kiến thứ ba về dự thảo này."))
    assert refused.status_code == 429 and refused["Retry-After"]
    assert Opinion.objects.count() == 2


def test_the_same_text_twice_is_refused(client, draft):
    assert client.post(opinion_url(draft), form_data()).status_code == 302
    again = client.post(opinion_url(draft), form_data(body="  ĐỀ NGHỊ bổ sung quy định về sao lưu dữ liệu định kỳ. "))
    assert again.status_code == 200 and "body" in again.context["form"].errors
    assert Opinion.objects.count() == 1


def test_the_form_closes_by_itself_at_the_deadline(client, lists):
    now = timezone.now()
    draft = make_draft(lists, opens=-10, closes=1)
    draft.comment_closes = now + datetime.timedelta(minutes=5)
    draft.save()
    assert client.get(opinion_url(draft)).status_code == 200
    assert "Gửi ý kiến" in client.get(draft.get_absolute_url()).text
    later = now + datetime.timedelta(minutes=6)
    # The clock moves on (the page's cached blocks are dropped at the deadline: pagecache's due times).
    with mock.patch("django.utils.timezone.now", return_value=later), \
            mock.patch("time.time", return_value=later.timestamp()):
        assert client.get(opinion_url(draft)).status_code == 403
        refused = client.post(opinion_url(draft), form_data())
        assert refused.status_code == 403 and "hết hạn lấy ý kiến" in refused.text
        page = client.get(draft.get_absolute_url()).text
        assert f'href="{opinion_url(draft)}"' not in page and "Đã hết hạn lấy ý kiến" in page
    assert not Opinion.objects.exists()


def test_the_cached_page_closes_the_form_too(client, lists, settings):
    """The page cache is dropped when the deadline passes (portal.pagecache's due times)."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    SiteSettings.load()  # a running site has its settings row; creating it bumps the version
    now = timezone.now()
    draft = make_draft(lists)
    draft.comment_closes = now + datetime.timedelta(minutes=5)
    draft.save()
    first = client.get(draft.get_absolute_url())
    assert f'href="{opinion_url(draft)}"' in first.text
    assert client.get(draft.get_absolute_url())["X-Cache"] == "HIT"
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(minutes=6)), \
            mock.patch("time.time", return_value=(now + datetime.timedelta(minutes=6)).timestamp()):
        late = client.get(draft.get_absolute_url())
    assert late["X-Cache"] == "MISS" and f'href="{opinion_url(draft)}"' not in late.text


def test_before_opening_the_form_is_not_open(client, lists):
    draft = make_draft(lists, opens=2, closes=20)
    assert client.get(opinion_url(draft)).status_code == 403
    assert "Có thể gửi ý kiến từ" in client.get(draft.get_absolute_url()).text


def test_the_summary_with_its_count_is_published_after_the_deadline(client, lists, moderator):
    draft = make_draft(lists, opens=-30, closes=-1, opinion_summary_vi="Sở đã tiếp thu 9 ý kiến.")
    for n, status in enumerate([Opinion.Status.APPROVED, Opinion.Status.PENDING, Opinion.Status.REJECTED,
                                Opinion.Status.SPAM]):
        Opinion.objects.create(document=draft, name=f"Người {n}", email=f"n{n}@example.com",
                               body=f"Ý kiến số {n}", status=status)
    page = client.get(draft.get_absolute_url()).text
    assert "Báo cáo tổng hợp ý kiến" in page and "Sở đã tiếp thu 9 ý kiến." in page
    assert "Đã nhận được 3 ý kiến." in page  # spam is not counted
    assert "Ý kiến số 0" in page and "Ý kiến số 1" not in page
    # While comments are open, the summary stays unpublished.
    open_draft = make_draft(lists, number="", summary_vi="Dự thảo khác", opinion_summary_vi="Chưa công bố")
    assert "Chưa công bố" not in client.get(open_draft.get_absolute_url()).text


def test_an_unpublished_draft_takes_no_opinion(client, lists):
    from documents.models import Approval

    draft = make_draft(lists, approval=Approval.PENDING)
    assert client.get(opinion_url(draft)).status_code == 404
    assert client.post(opinion_url(draft), form_data()).status_code == 404
    document = make_draft(lists, is_draft=False, number="1/2026/QĐ-UBND", comment_opens=None, comment_closes=None)
    assert client.get(opinion_url(document)).status_code == 404
