from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from portal import pagecache
from portal.models import SiteSettings
from comments.ratelimit import visitor_hash
from tests.conftest import make_article

from .helpers import comment_url, form_data, make_comment

AWAITS_MODERATION_VI = "Bình luận của bạn đang chờ kiểm duyệt"
CAPTCHA_AGAIN_VI = "Bạn chỉ cần nhập lại mã xác nhận"


# -- the article page --------------------------------------------------------------------------

def test_article_page_links_to_the_comment_form_without_a_captcha_or_token(client, article):
    html = client.get(article.get_absolute_url()).text
    assert 'id="comments"' in html
    assert f'href="{comment_url(article)}"' in html
    assert f'data-form-url="{comment_url(article)}form/"' in html
    assert "Gửi góp ý" in html
    # The page is cached for every reader: nothing in it may belong to one of them.
    assert "csrfmiddlewaretoken" not in html
    assert "captcha" not in html.replace("comments.css", "").replace("comments.js", "").replace("captcha-audio.js", "")


def test_approved_comments_are_listed_oldest_first_with_date_and_time(client, article):
    now = timezone.now()
    make_comment(article, name="Người thứ hai", body="Ý kiến gửi sau.", created_at=now - timedelta(hours=1))
    make_comment(article, name="Người thứ nhất", body="Ý kiến gửi trước.",
                 created_at=timezone.make_aware(timezone.datetime(2026, 3, 5, 9, 7)))
    html = client.get(article.get_absolute_url()).text
    assert html.index("Người thứ nhất") < html.index("Người thứ hai")
    assert "05/03/2026 09:07" in html


def test_only_approved_comments_are_shown(client, article):
    make_comment(article, body="Đã được duyệt.")
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        make_comment(article, body=f"Không hiển thị: {status}.", status=status)
    html = client.get(article.get_absolute_url()).text
    assert "Đã được duyệt." in html
    assert "Không hiển thị" not in html


def test_the_email_address_is_never_shown(client, article):
    make_comment(article, email="secret.reader@example.com", reply="Cảm ơn bạn.")
    for url in (article.get_absolute_url(), f"/en/articles/{article.slug}/", comment_url(article)):
        assert "secret.reader@example.com" not in client.get(url).text


def test_comment_text_is_escaped_and_keeps_its_line_breaks(client, article):
    make_comment(article, body="<script>alert('x')</script>\nDòng thứ hai", name="<b>Kẻ xấu</b>",
                 reply="Dòng một\nDòng hai <img src=x>")
    html = client.get(article.get_absolute_url()).text
    assert "<script>alert" not in html and "<b>Kẻ xấu</b>" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Dòng thứ hai" in html
    assert "&lt;b&gt;Kẻ xấu&lt;/b&gt;" in html
    assert "Dòng một<br>Dòng hai &lt;img src=x&gt;" in html


def test_the_office_reply_is_shown_under_the_comment_signed_by_the_office(client, article, approver):
    site = SiteSettings.load()
    site.agency_name_vi = "Sở Thông tin và Truyền thông"
    site.save()
    comment = make_comment(article, body="Khi nào có kết quả?")
    comment.set_reply("Dự kiến trong tháng tới.", by=approver)
    html = client.get(article.get_absolute_url()).text
    question, answer = html.index("Khi nào có kết quả?"), html.index("Dự kiến trong tháng tới.")
    assert question < answer
    assert "Sở Thông tin và Truyền thông trả lời" in html
    assert approver.username not in html[question:]


def test_long_lists_of_comments_are_paginated(client, article, settings):
    settings.COMMENTS_PER_PAGE = 5
    start = timezone.now() - timedelta(days=1)
    for n in range(12):
        make_comment(article, body=f"Bình luận số {n:02d}.", created_at=start + timedelta(minutes=n))
    first = client.get(article.get_absolute_url()).text
    assert "Bình luận số 00." in first and "Bình luận số 04." in first and "Bình luận số 05." not in first
    assert "?cpage=2#comments" in first
    third = client.get(article.get_absolute_url(), {"cpage": 3}).text
    assert "Bình luận số 10." in third and "Bình luận số 11." in third and "Bình luận số 09." not in third
    # A page number out of range or not a number shows a page rather than an error.
    assert client.get(article.get_absolute_url(), {"cpage": 99}).status_code == 200
    assert client.get(article.get_absolute_url(), {"cpage": "x"}).status_code == 200


def test_article_page_query_count_does_not_grow_with_comments(client, article, approver,
                                                              django_assert_max_num_queries):
    make_comment(article)
    client.get(article.get_absolute_url())  # warm the caches the page relies on
    pagecache.bump()  # both renders follow a change: neither takes the comments from the cache
    with CaptureQueriesContext(connection) as baseline:
        client.get(article.get_absolute_url())
    for n in range(40):
        comment = make_comment(article, body=f"Ý kiến thứ {n} của bạn đọc.")
        comment.set_reply(f"Trả lời ý kiến {n}.", by=approver)
    with django_assert_max_num_queries(len(baseline)):
        html = client.get(article.get_absolute_url()).text
    assert "Ý kiến thứ 0 của bạn đọc." in html


def test_closed_article_says_comments_are_closed(client, category):
    closed = make_article(category, title="Không nhận bình luận", allow_comments=False)
    html = client.get(closed.get_absolute_url()).text
    assert "Bài viết này đã đóng bình luận." in html
    assert comment_url(closed) not in html


# -- the comment page and its fragment ------------------------------------------------------------

def test_comment_page_has_the_labelled_form_and_is_never_cached(client, article):
    response = client.get(comment_url(article))
    html = response.text
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    for label in ('<label for="id_name">Họ và tên</label>', '<label for="id_email">Email</label>',
                  '<label for="id_body">Nội dung góp ý</label>', "Lấy mã khác"):
        assert label in html
    assert '<label for="id_captcha_1">Mã xác nhận</label>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'src="/captcha/image/' in html
    assert 'data-refresh-url="/captcha/refresh/"' in html
    assert '<label for="id_website">Để trống ô này</label>' in html


def test_comment_page_is_in_english_under_en(client, article):
    html = client.get(comment_url(article, "en")).text
    for label in ("Full name", "Your comment", "Verification code", "New image", "Send feedback"):
        assert label in html
    assert f'action="{comment_url(article, "en")}"' in html


def test_form_fragment_is_the_bare_form_and_never_cached(client, article):
    response = client.get(comment_url(article) + "form/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response.text.lstrip().startswith("<form")
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert f'action="{comment_url(article)}"' in response.text
    assert "csrftoken" in response.cookies


def test_captcha_refresh_endpoint_gives_a_new_image(client, db):
    response = client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    data = response.json()
    assert CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert data["image_url"] == f"/captcha/image/{data['key']}/"


# -- sending a comment ------------------------------------------------------------------------------

def test_a_sent_comment_awaits_moderation_and_is_not_shown(client, article):
    response = client.post(comment_url(article), form_data())
    assert response.status_code == 302
    assert response.url == f"{article.get_absolute_url()}#comment-notice"
    comment = Comment.objects.get()
    assert (comment.article, comment.name, comment.email, comment.status) == (
        article, "Nguyễn Thị Hoa", "hoa.reader@example.com", Comment.Status.PENDING)
    html = client.get(response.url).text
    assert AWAITS_MODERATION_VI in html
    assert "Bài viết rất bổ ích" not in html
    article.refresh_from_db()
    assert article.comment_count == 0


def test_the_success_message_is_in_the_readers_language(client, article):
    response = client.post(comment_url(article, "en"), form_data(), follow=True)
    assert "Your comment is awaiting moderation" in response.text


def test_the_raw_ip_address_is_never_stored(client, article):
    client.post(comment_url(article), form_data(), REMOTE_ADDR="203.0.113.77")
    comment = Comment.objects.get()
    stored = " ".join(str(getattr(comment, field.attname)) for field in Comment._meta.concrete_fields)
    assert "203.0.113.77" not in stored
    assert len(comment.visitor) == 64 and comment.visitor != "203.0.113.77"


@pytest.mark.parametrize("fields, field, message", [
    ({"name": ""}, "name", "Vui lòng nhập họ và tên."),
    ({"name": "A"}, "name", "Họ và tên phải có ít nhất 2 ký tự."),
    ({"name": "   "}, "name", "Vui lòng nhập họ và tên."),
    ({"name": "N" * 101}, "name", "Họ và tên chỉ được tối đa 100 ký tự (hiện có 101)."),
    ({"email": ""}, "email", "Vui lòng nhập địa chỉ email."),
    ({"email": "not-an-address"}, "email", "Vui lòng nhập địa chỉ email hợp lệ"),
    ({"email": "a" * 250 + "@example.com"}, "email", "Địa chỉ email chỉ được tối đa 254 ký tự"),
    ({"body": ""}, "body", "Vui lòng nhập nội dung góp ý."),
    ({"body": "Quá ngắn"}, "body", "Nội dung góp ý phải có ít nhất 10 ký tự (hiện có 8)."),
    ({"body": "x" * 3001}, "body", "Nội dung góp ý chỉ được tối đa 3000 ký tự (hiện có 3001)."),
    ({"body": "Có ký tự \x00 rỗng ở giữa."}, "body", "Nội dung có ký tự không đọc được"),
    ({"body": "Có ký tự điều khiển \x1b[31m ở giữa."}, "body", "Nội dung có ký tự không đọc được"),
    ({"captcha_1": ""}, "captcha", "Vui lòng nhập mã xác nhận hiển thị trong ảnh."),
    ({"website": "http://spam.example.com"}, "website", "Ô này phải để trống."),
])
def test_invalid_comments_get_a_clear_error_and_are_not_stored(client, article, fields, field, message):
    response = client.post(comment_url(article), form_data(**fields))
    assert response.status_code == 200
    assert message in response.text
    assert response.context["form"].errors[field] == [response.context["form"].errors[field][0]]
    assert list(response.context["form"].errors) == [field]
    assert not Comment.objects.exists()


def test_a_null_character_in_the_name_is_refused(client, article):
    response = client.post(comment_url(article), form_data(name="Tên\x00 có NUL"))
    assert response.context["form"].errors["name"] == ["Nội dung có ký tự không đọc được. Vui lòng gõ lại."]
    assert not Comment.objects.exists()


def test_form_errors_are_in_english_under_en(client, article):
    html = client.post(comment_url(article, "en"), form_data(name="A", body="short")).text
    assert "Your full name must have at least 2 characters." in html
    assert "Your comment must have at least 10 characters (it has 5)." in html


def test_a_wrong_captcha_keeps_everything_and_asks_only_for_the_code(client, article):
    body = "Ý kiến dài của tôi\nvới nhiều dòng <em>và ký tự đặc biệt</em>."
    response = client.post(comment_url(article), form_data(body=body, captcha_1="WRONG"))
    html = response.text
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["captcha"]
    assert CAPTCHA_AGAIN_VI in html
    assert "Mã xác nhận không đúng hoặc đã hết hạn" in html
    assert 'value="Nguyễn Thị Hoa"' in html and 'value="hoa.reader@example.com"' in html
    assert "Ý kiến dài của tôi\nvới nhiều dòng &lt;em&gt;và ký tự đặc biệt&lt;/em&gt;.</textarea>" in html
    # A fresh image to read, and an empty box for the new answer.
    new_key = response.context["form"]["captcha"].field.widget._key
    assert CaptchaStore.objects.filter(hashkey=new_key).exists()
    assert 'name="captcha_1" value=' not in html
    assert not Comment.objects.exists()


def test_an_expired_captcha_is_refused(client, article):
    store = CaptchaStore.objects.create(challenge="ABCDE", response="abcde",
                                        expiration=timezone.now() - timedelta(minutes=1))
    response = client.post(comment_url(article), form_data(captcha_0=store.hashkey, captcha_1="abcde"))
    assert list(response.context["form"].errors) == ["captcha"]
    assert not Comment.objects.exists()


def test_a_captcha_answer_works_only_once(client, article):
    store = CaptchaStore.objects.create(challenge="ABCDE", response="abcde")
    assert client.post(comment_url(article), form_data(captcha_0=store.hashkey, captcha_1="abcde")).status_code == 302
    again = client.post(comment_url(article), form_data(captcha_0=store.hashkey, captcha_1="abcde",
                                                        body="Một bình luận khác hẳn."))
    assert list(again.context["form"].errors) == ["captcha"]
    assert Comment.objects.count() == 1


def test_a_missing_csrf_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    response = client.post(comment_url(article), form_data())
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_form_with_its_csrf_token_is_accepted(article):
    client = Client(enforce_csrf_checks=True)
    page = client.get(comment_url(article))
    token = page.context["csrf_token"]
    assert client.post(comment_url(article), form_data(csrfmiddlewaretoken=str(token))).status_code == 302
    assert Comment.objects.count() == 1


def test_percent_encoded_invalid_utf8_is_refused(client, article):
    body = ("name=T%C3%AAn%C3%28&email=hoa%40example.com&body=N%E1%BB%99i+dung+%FF%FE+h%E1%BB%A3p+l%E1%BB%87"
            "&website=&captcha_0=k&captcha_1=PASSED")
    response = client.post(comment_url(article), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "body"}
    assert "Nội dung có ký tự không đọc được" in response.text
    assert not Comment.objects.exists()


def test_raw_invalid_utf8_bytes_are_refused(client, article):
    body = b"name=Nguy\xff\xfen&email=hoa%40example.com&body=Bytes+\xc3\x28+are+not+UTF-8+at+all&website=" \
           b"&captcha_0=k&captcha_1=PASSED"
    response = client.post(comment_url(article), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "body"}
    assert not Comment.objects.exists()


def test_the_same_text_on_the_same_article_within_an_hour_is_a_duplicate(client, article, category):
    assert client.post(comment_url(article), form_data()).status_code == 302
    again = client.post(comment_url(article), form_data(name="Người khác", email="khac@example.com"))
    assert again.status_code == 200
    assert "Bình luận này đã được gửi cho bài viết này." in again.text
    assert Comment.objects.count() == 1
    # Another article, or the same article after an hour, takes the same text.
    other = make_article(category, title="Bài khác")
    assert client.post(comment_url(other), form_data()).status_code == 302
    Comment.objects.filter(article=article).update(created_at=timezone.now() - timedelta(minutes=61))
    assert client.post(comment_url(article), form_data()).status_code == 302
    assert Comment.objects.count() == 3


@pytest.mark.parametrize("variant", ["ĐỒNG Ý VỚI BÀI VIẾT NÀY, RẤT HAY.", "  đồng ý với bài viết\n\nnày,   rất hay. ",
                                     "đồng ý với bài viết này, rất hay.".replace("ồ", "o\u0302\u0300")])
def test_the_same_text_in_other_case_spacing_or_composition_is_a_duplicate(client, article, variant):
    assert client.post(comment_url(article), form_data(body="Đồng ý với bài viết này, rất hay.")).status_code == 302
    again = client.post(comment_url(article), form_data(name="Người khác", email="khac@example.com", body=variant))
    assert again.status_code == 200
    assert "Bình luận này đã được gửi cho bài viết này." in again.text
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("fields", [
    {"is_shown": False},
    {"approval": Article.Approval.DRAFT},
    {"approval": Article.Approval.PENDING},
    {"approval": Article.Approval.REJECTED},
    {"publish_at": timezone.now() + timedelta(days=2)},
])
def test_comments_on_articles_readers_cannot_see_are_not_found(client, category, fields):
    hidden = make_article(category, title="Bài chưa công khai", **fields)
    assert client.get(comment_url(hidden)).status_code == 404
    assert client.get(comment_url(hidden) + "form/").status_code == 404
    assert client.post(comment_url(hidden), form_data()).status_code == 404
    assert not Comment.objects.exists()


def test_comments_on_a_closed_article_are_refused_with_a_clear_page(client, category):
    closed = make_article(category, title="Đã đóng", allow_comments=False)
    response = client.post(comment_url(closed), form_data())
    assert response.status_code == 403
    assert "Đã đóng bình luận" in response.text
    assert client.get(comment_url(closed)).status_code == 403
    assert client.get(comment_url(closed) + "form/").status_code == 403
    assert not Comment.objects.exists()


def test_an_unknown_article_is_not_found(client, db):
    assert client.post("/vi/articles/khong-co/comment/", form_data()).status_code == 404


def test_other_methods_are_not_allowed(client, article):
    assert client.put(comment_url(article)).status_code == 405
    assert client.post(comment_url(article) + "form/").status_code == 405


# -- the rate limit -----------------------------------------------------------------------------

def test_rate_limit_holds_across_clients_sharing_the_cache(article):
    reader_a = Client(REMOTE_ADDR="198.51.100.20")
    reader_b = Client(REMOTE_ADDR="198.51.100.20")
    for n, reader in enumerate([reader_a, reader_b, reader_a]):
        assert reader.post(comment_url(article), form_data(body=f"Bình luận hợp lệ số {n}.")).status_code == 302
    response = reader_b.post(comment_url(article), form_data(body="Bình luận thứ tư, quá giới hạn."))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert article.get_absolute_url() in response.text and "Bình luận thứ tư, quá giới hạn." in response.text
    assert Comment.objects.count() == 3
    # Another reader is not affected.
    other = Client(REMOTE_ADDR="198.51.100.21")
    assert other.post(comment_url(article), form_data(body="Bạn đọc khác gửi ý kiến.")).status_code == 302


def test_rate_limit_is_read_from_settings_at_call_time(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    assert client.post(comment_url(article), form_data()).status_code == 302
    assert client.post(comment_url(article), form_data(body="Lần thứ hai trong mười phút.")).status_code == 429


def test_invalid_attempts_do_not_use_up_the_rate_limit(client, article):
    for _ in range(5):
        client.post(comment_url(article), form_data(captcha_1="WRONG"))
    assert client.post(comment_url(article), form_data()).status_code == 302


def test_rate_limit_counts_visitors_by_a_keyed_hash(rf, settings):
    request = rf.post("/", REMOTE_ADDR="192.0.2.1")
    first = visitor_hash(request)
    assert first == visitor_hash(rf.post("/", REMOTE_ADDR="192.0.2.1"))
    assert first != visitor_hash(rf.post("/", REMOTE_ADDR="192.0.2.2"))
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    assert visitor_hash(request) != first


# -- where the reader lands after sending ---------------------------------------------------------

def _notice_and_comments(html):
    return html.find('id="comment-notice"'), html.find('id="comments"')


def test_the_moderation_notice_is_shown_once_just_above_the_comments(client, article):
    client.get(f"/en/articles/{article.slug}/")  # the comments' block is now in the fragment cache
    response = client.post(comment_url(article, "en"), form_data())
    assert response.url.endswith("#comment-notice")
    html = client.get(response.url).text
    notice, comments = _notice_and_comments(html)
    assert 0 < notice < comments
    # Nothing stands between the notice and the comments, and it is not at the top of the page too.
    assert html[notice:comments].count("Your comment is awaiting moderation") == 1
    assert html.count("Your comment is awaiting moderation") == 1
    assert 'role="status" tabindex="-1">Thank you.' in html
    # Shown once: the next visit, and the cached block, hold no notice.
    assert "awaiting moderation" not in client.get(f"/en/articles/{article.slug}/").text


def test_the_moderation_notice_is_never_stored_in_the_page_cache(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 30
    SiteSettings.load()  # a running site has its settings row; creating it bumps the version
    url = f"/en/articles/{article.slug}/"
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    client.post(comment_url(article, "en"), form_data())
    shown = client.get(url)
    assert "awaiting moderation" in shown.text and shown.get("X-Cache") != "HIT"
    assert "awaiting moderation" not in client.get(url).text
    other = Client().get(url)
    assert other["X-Cache"] == "HIT" and "awaiting moderation" not in other.text


def test_other_messages_stay_at_the_top_of_the_page():
    messages = [Message(constants.INFO, "A message for the whole page."),
                Message(constants.SUCCESS, "A notice for its place.", extra_tags="in-place"),
                Message(constants.INFO, "An old message without tags.", extra_tags=None)]
    html = render_to_string("comments/includes/notice.html", {"messages": messages})
    assert "A notice for its place." in html and "whole page" not in html and "without tags" not in html


# -- past the rate limit ---------------------------------------------------------------------------

def test_a_reader_past_the_rate_limit_gets_the_form_back_with_their_text(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    assert client.post(comment_url(article, "en"), form_data()).status_code == 302
    body = "A second comment, typed with care,\nover two lines."
    response = client.post(comment_url(article, "en"), form_data(name="Lê Thị Lan", body=body))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    html = response.text
    assert 'value="Lê Thị Lan"' in html and 'value="hoa.reader@example.com"' in html
    assert ">\nA second comment, typed with care,\nover two lines.</textarea>" in html
    retry_at = timezone.localtime() + timedelta(seconds=600 + 59)
    assert f"You can send this one from {retry_at:%H:%M}" in html or (
        f"from {(retry_at - timedelta(minutes=1)):%H:%M}" in html)  # the minute turned meanwhile
    assert 'role="alert"' in html and "within 10 minutes" in html
    assert 'name="captcha_1"' in html and "Please correct the errors" not in html
    assert Comment.objects.count() == 1


def test_a_reader_past_the_rate_limit_is_not_shown_anyone_elses_text(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 0
    response = client.post(comment_url(article), form_data(body="<script>alert(1)</script> ý kiến dài."))
    assert response.status_code == 429
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ý kiến dài." in response.text
