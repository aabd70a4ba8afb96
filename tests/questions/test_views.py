"""A citizen asks; nothing is public until the office's answer is published; the public lists."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.utils import timezone

from questions.models import Question
from tests.questions.helpers import ask_url, form_data, make_question

Status = Question.Status


@pytest.fixture
def office(db, django_user_model):
    """Someone the new-question e-mail goes to (a moderator, as for comments)."""
    from django.contrib.auth.models import Group

    from portal.roles import MODERATORS

    user = django_user_model.objects.create_user("vanphong", "vanphong@example.gov.vn", "pass-Word-123",
                                                 is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


# -- asking --------------------------------------------------------------------------------------
def test_the_form_is_in_the_pages_language_and_never_cached_or_indexed(client, licensing):
    response = client.get(ask_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    html = response.text
    for label in ("Họ và tên", "Số điện thoại (không bắt buộc)", "Lĩnh vực", "Nội dung câu hỏi", "Mã xác nhận",
                  "Gửi câu hỏi"):
        assert label in html, label
    assert 'name="website"' in html and 'class="field comment-hp"' in html  # the comments' honeypot
    assert 'data-refresh-url="/captcha/refresh/"' in html  # the comments' captcha, its refresh limited
    english = client.get(ask_url("en")).text
    assert "Phone (optional)" in english and "Send the question" in english


def test_the_field_can_be_chosen_in_advance(client, telecoms):
    html = client.get(ask_url() + "?field=vien-thong").text
    assert re.search(rf'<option value="{telecoms.pk}" selected>Viễn thông</option>', html)
    assert client.get(ask_url() + "?field=" + "x" * 500).status_code == 200


def test_a_question_is_stored_waiting_and_the_office_is_told(client, licensing, office,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(), form_data(licensing, phone=" 0905  123 456 "), REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302 and response["Location"] == "/vi/questions/"
    question = Question.objects.get()
    assert question.status == Status.WAITING and question.language == "vi" and question.topic == licensing
    assert question.phone == "0905 123 456"
    assert question.visitor and "203.0.113.5" not in question.visitor
    assert [message.to for message in mail.outbox] == [["vanphong@example.gov.vn"]]
    message = mail.outbox[0]
    assert "Câu hỏi mới chờ trả lời" in message.subject and "Thủ tục cấp phép trạm phát sóng" in message.subject
    assert f"/admin/questions/question/{question.pk}/change/" in message.body
    # The thank-you speaks of the e-mail to come, and nothing is public yet.
    page = client.get(response["Location"]).text
    assert "Câu hỏi đã được gửi đến cơ quan" in page
    assert "Thủ tục cấp phép trạm phát sóng" not in page
    assert client.get(f"/vi/questions/{question.pk}/").status_code == 404


def test_a_question_asked_in_english_stays_english(client, licensing):
    client.post(ask_url("en"), form_data(licensing, title="Licence for a radio station",
                                         body="Which documents are needed to apply for a radio licence?"))
    assert Question.objects.get().language == "en"


def test_the_honeypot_refuses_robots(client, licensing):
    response = client.post(ask_url(), form_data(licensing, website="http://spam.example"))
    assert response.status_code == 200
    assert "Ô này phải để trống." in response.text or "This field must be left empty." in response.text
    assert not Question.objects.exists()


def test_a_wrong_code_asks_only_for_the_code_and_keeps_the_rest(client, licensing):
    response = client.post(ask_url(), form_data(licensing, captcha_1="wrong"))
    assert response.status_code == 200 and not Question.objects.exists()
    html = response.text
    assert "Bạn chỉ cần nhập lại mã xác nhận" in html
    assert 'value="hoi.citizen@example.com"' in html and "Xin hỏi doanh nghiệp cần những hồ sơ gì" in html


@pytest.mark.parametrize("fields, error", [
    ({"phone": "12ab"}, "Vui lòng nhập số điện thoại gồm 8 đến 15 chữ số"),
    ({"topic": "99999"}, "Vui lòng chọn một trong các lĩnh vực"),
    ({"topic": ""}, "Vui lòng chọn lĩnh vực của câu hỏi."),
    ({"title": "Ngắn"}, "Tiêu đề phải có ít nhất 10 ký tự"),
    ({"body": "Quá ngắn"}, "Nội dung câu hỏi phải có ít nhất 20 ký tự"),
    ({"body": "Câu hỏi có ký tự điều khiển \x07 ở giữa dòng."}, "không đọc được"),
    ({"email": "khong-phai-email"}, "Vui lòng nhập địa chỉ email hợp lệ"),
])
def test_what_the_form_refuses(client, licensing, fields, error):
    response = client.post(ask_url(), form_data(licensing, **fields))
    assert response.status_code == 200
    assert error in response.text
    assert not Question.objects.exists()


def test_text_that_is_not_utf8_is_refused_not_garbled(client, licensing):
    body = ("name=Nguyen+Van+A&email=a%40example.com&topic=" + str(licensing.pk) +
            "&title=Cau+hoi+ve+cap+phep&body=Noi+dung+%FF%FE+cau+hoi+cua+toi+o+day&website="
            "&captcha_0=k&captcha_1=PASSED").encode()
    response = client.generic("POST", ask_url(), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and not Question.objects.exists()


def test_the_same_question_twice_is_refused(client, licensing):
    client.post(ask_url(), form_data(licensing))
    again = client.post(ask_url(), form_data(licensing, body="  XIN HỎI doanh nghiệp cần những hồ sơ gì để được "
                                                             "cấp phép lắp đặt trạm phát sóng? "))
    assert again.status_code == 200 and "Câu hỏi này đã được gửi." in again.text
    assert Question.objects.count() == 1


def test_questions_are_rate_limited_per_reader(client, licensing, settings):
    settings.QUESTIONS_RATE_WINDOW = 600
    for n in range(3):
        response = client.post(ask_url(), form_data(licensing, body=f"Câu hỏi số {n} của tôi về thủ tục cấp phép."),
                               REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302
    refused = client.post(ask_url(), form_data(licensing, body="Câu hỏi thứ tư của tôi về thủ tục cấp phép."),
                          REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429 and refused["Retry-After"] == "600"
    assert "10 phút" in refused.text
    assert Question.objects.count() == 3
    other = client.post(ask_url(), form_data(licensing, body="Câu hỏi của một người khác về cấp phép."),
                        REMOTE_ADDR="198.51.100.8")
    assert other.status_code == 302


def test_the_comments_limit_is_not_the_questions(client, licensing, article, settings):
    """Each has its own counter: three comments do not stop a question."""
    from tests.comments.helpers import comment_url
    from tests.comments.helpers import form_data as comment_data

    for n in range(3):
        client.post(comment_url(article), comment_data(body=f"Góp ý số {n} cho bài viết này."),
                    REMOTE_ADDR="198.51.100.9")
    assert client.post(ask_url(), form_data(licensing), REMOTE_ADDR="198.51.100.9").status_code == 302


# -- the public pages -----------------------------------------------------------------------
def test_only_published_questions_of_the_pages_language_are_listed_newest_first(client, licensing, telecoms):
    now = timezone.now()
    older = make_question(licensing, title="Câu hỏi cũ hơn", published_at=now - timezone.timedelta(days=3))
    newer = make_question(telecoms, title="Câu hỏi mới hơn", published_at=now - timezone.timedelta(days=1))
    make_question(licensing, status=Status.WAITING, title="Câu hỏi đang chờ")
    make_question(licensing, status=Status.ANSWERED, title="Câu trả lời chờ duyệt")
    make_question(licensing, status=Status.REJECTED, title="Câu hỏi không công bố")
    english = make_question(licensing, language="en", title="A question in English")
    html = client.get("/vi/questions/").text
    assert html.index(newer.title) < html.index(older.title)
    for hidden in ("Câu hỏi đang chờ", "Câu trả lời chờ duyệt", "Câu hỏi không công bố", english.title):
        assert hidden not in html
    assert english.title in client.get("/en/questions/").text
    assert older.title not in client.get("/en/questions/").text


def test_the_list_by_field(client, licensing, telecoms):
    make_question(licensing, title="Hỏi về giấy phép")
    make_question(telecoms, title="Hỏi về sóng di động")
    html = client.get("/vi/questions/field/vien-thong/").text
    assert "Hỏi về sóng di động" in html and "Hỏi về giấy phép" not in html
    assert "<h1>Viễn thông</h1>" in html
    assert '<a href="/vi/questions/field/cap-phep/">Cấp phép (1)</a>' in html
    assert client.get("/vi/questions/field/khong-co/").status_code == 404
    english = client.get("/en/questions/field/vien-thong/").text
    assert "<h1>Telecommunications</h1>" in english


def test_search_ignores_diacritics_within_the_field(client, licensing, telecoms):
    make_question(licensing, title="Cấp phép trạm phát sóng")
    make_question(telecoms, title="Phát sóng truyền hình qua cáp")
    html = client.get("/vi/questions/", {"q": "phat song"}).text
    assert "Cấp phép trạm phát sóng" in html and "Phát sóng truyền hình qua cáp" in html
    assert "Tìm thấy 2 câu hỏi" in html
    within = client.get("/vi/questions/field/cap-phep/", {"q": "PHAT SONG"}).text
    assert "Cấp phép trạm phát sóng" in within and "truyền hình" not in within
    nothing = client.get("/vi/questions/", {"q": "khong co gi"})
    assert "Tìm thấy 0 câu hỏi" in nothing.text
    assert '<meta name="robots" content="noindex">' in nothing.text


def test_the_list_is_paginated(client, licensing):
    for n in range(12):
        make_question(licensing, title=f"Câu hỏi thứ {n:02d} về cấp phép")
    first = client.get("/vi/questions/").text
    assert first.count('class="question-item"') == 10 and 'href="?page=2"' in first
    second = client.get("/vi/questions/", {"page": 2}).text
    assert second.count('class="question-item"') == 2
    searched = client.get("/vi/questions/", {"q": "cap phep"}).text
    assert 'href="?q=cap%20phep&amp;page=2"' in searched


def test_a_question_on_its_own_page(client, licensing, telecoms):
    question = make_question(licensing, title="Thủ tục cấp phép", body="Dòng một.\n\nDòng hai.",
                             answer="Trả lời dòng một.\nTrả lời dòng hai.")
    other = make_question(licensing, title="Một câu hỏi khác cùng lĩnh vực")
    make_question(telecoms, title="Câu hỏi lĩnh vực khác")
    response = client.get(f"/vi/questions/{question.pk}/")
    html = response.text
    assert "<p>Dòng một.</p>" in html and "Trả lời dòng một.<br>Trả lời dòng hai." in html
    assert "Trả lời của" in html and "người hỏi: Trần Văn Dân" in html
    assert f'href="/vi/questions/{other.pk}/"' in html and "Câu hỏi lĩnh vực khác" not in html
    assert f'<link rel="canonical" href="http://testserver/vi/questions/{question.pk}/">' in html


def test_the_email_and_phone_are_never_on_a_public_page(client, licensing):
    question = make_question(licensing, email="bi.mat@example.com", phone="0905 999 888")
    for url in ("/vi/questions/", f"/vi/questions/{question.pk}/", "/vi/questions/field/cap-phep/",
                f"/en/questions/{question.pk}/", "/vi/questions/?q=noi+dung"):
        html = client.get(url).text
        assert "bi.mat" not in html and "999 888" not in html, url


def test_unpublished_questions_are_not_found_but_staff_may_preview_them(client, licensing, answerer):
    question = make_question(licensing, status=Status.ANSWERED)
    assert client.get(f"/vi/questions/{question.pk}/").status_code == 404
    assert client.get("/vi/questions/999999/").status_code == 404
    client.force_login(answerer)
    preview = client.get(f"/vi/questions/{question.pk}/")
    assert preview.status_code == 200
    assert "Xem trước: bạn đọc chưa thấy câu hỏi này." in preview.text
    assert '<meta name="robots" content="noindex">' in preview.text


def test_a_question_stays_in_its_language_under_the_other_interface(client, licensing):
    question = make_question(licensing, title="Câu hỏi tiếng Việt")
    html = client.get(f"/en/questions/{question.pk}/").text
    assert '<html lang="en"' in html and '<article class="qa" lang="vi">' in html
    assert "This question was asked in another language" in html
    assert f'<link rel="canonical" href="http://testserver/vi/questions/{question.pk}/">' in html


def test_publishing_shows_through_the_page_cache(client, licensing, publisher, settings):
    from portal.models import SiteSettings

    settings.PAGE_CACHE_SECONDS = 60
    SiteSettings.load()  # a running site has its settings row; creating it bumps the version
    question = make_question(licensing, status=Status.ANSWERED, title="Câu hỏi sắp được công bố")
    assert "Câu hỏi sắp được công bố" not in client.get("/vi/questions/").text
    assert client.get("/vi/questions/")["X-Cache"] == "HIT"
    question.publish(by=publisher)
    assert "Câu hỏi sắp được công bố" in client.get("/vi/questions/").text
    question.withdraw()
    assert "Câu hỏi sắp được công bố" not in client.get("/vi/questions/").text


# -- what every public page must be (the standards issue) -------------------------------------
class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.styles, self.times, self.descriptions = [], 0, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "style" in attrs:
            self.styles += 1
        if tag == "time":
            self.times.append(attrs.get("datetime", ""))
        if tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content", ""))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_public_page_has_a_description_one_h1_ordered_headings_no_inline_style(client, licensing, language):
    question = make_question(licensing, language=language, title="Câu hỏi kiểm tra chuẩn trang",
                             published_at=timezone.now().replace(microsecond=123456))
    urls = [f"/{language}/questions/", f"/{language}/questions/field/cap-phep/",
            f"/{language}/questions/{question.pk}/", f"/{language}/questions/ask/",
            f"/{language}/questions/?q=kiem+tra"]
    for url in urls:
        outline = Outline()
        outline.feed(client.get(url).text)
        assert outline.headings.count(1) == 1, url
        for before, after in zip(outline.headings, outline.headings[1:]):
            assert after <= before + 1, (url, outline.headings)
        assert outline.styles == 0, url
        assert len(outline.descriptions) == 1 and len(outline.descriptions[0]) > 20, url
        for value in outline.times:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", value), (url, value)
