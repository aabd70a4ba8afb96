"""The office's side: the waiting questions and how long they waited, the count on the admin
index, an answer written by one and published by another, the asker e-mailed once."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from questions.models import Question
from tests.questions.helpers import make_question

Status = Question.Status
LIST = "/admin/questions/question/"


def change_url(question):
    return f"{LIST}{question.pk}/change/"


def admin_post(question, **changes):
    data = {"topic": str(question.topic_id), "title": question.title, "body": question.body,
            "answer": question.answer, "decision": question.status}
    data.update(changes)
    return data


def test_the_admin_index_counts_the_waiting_questions(client, licensing, answerer, publisher):
    make_question(licensing, status=Status.WAITING)
    make_question(licensing, status=Status.WAITING)
    make_question(licensing, status=Status.ANSWERED)
    make_question(licensing)
    client.force_login(answerer)
    html = client.get("/admin/").text
    assert re.search(r'<a href="/admin/questions/question/\?status__exact=waiting">Câu hỏi chờ trả lời</a>'
                     r'</th>\s*<td[^>]*>2</td>', html)
    assert "Câu trả lời chờ duyệt" not in html  # a moderator does not publish
    client.force_login(publisher)
    html = client.get("/admin/").text
    assert re.search(r'\?status__exact=answered">Câu trả lời chờ duyệt</a></th>\s*<td[^>]*>1</td>', html)


def test_the_queue_shows_how_long_each_question_has_waited_longest_first(client, licensing, answerer, settings):
    settings.QUESTIONS_ANSWER_DAYS = 7
    now = timezone.now()
    old = make_question(licensing, status=Status.WAITING, title="Chờ đã lâu",
                        created_at=now - timezone.timedelta(days=10))
    new = make_question(licensing, status=Status.WAITING, title="Mới gửi",
                        created_at=now - timezone.timedelta(hours=5))
    make_question(licensing, title="Đã công bố")
    client.force_login(answerer)
    html = client.get(LIST, {"status__exact": "waiting"}).text
    assert html.index("Chờ đã lâu") < html.index("Mới gửi")
    assert "Đã công bố" not in html
    assert re.search(r'<span class="question-overdue">1\xa0tuần, 3\xa0ngày</span>', html)
    assert re.search(r'<span class="question-waiting">5\xa0giờ</span>', html)
    assert 'style="' not in html.split('id="result_list"')[1].split("</table>")[0]
    assert old.pk and new.pk


def test_a_moderator_answers_and_cannot_publish(client, licensing, answerer):
    question = make_question(licensing, status=Status.WAITING)
    client.force_login(answerer)
    form = client.get(change_url(question)).text
    assert question.email in form and question.phone in form
    assert '<option value="published"' not in form
    answer = "Sở trả lời như sau: nộp hồ sơ trực tuyến."
    response = client.post(change_url(question), admin_post(question, answer=answer))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.answered_by == answerer
    refused = client.post(change_url(question), admin_post(question, decision="published"))
    assert refused.status_code == 200
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and not mail.outbox


def test_an_approver_publishes_and_the_asker_is_emailed_once_in_their_language(
        client, licensing, answerer, publisher, django_capture_on_commit_callbacks):
    question = make_question(licensing, status=Status.ANSWERED, language="en", title="Licence for a bulletin",
                             answer="Apply online.", answered_by=answerer, email="asker@example.com")
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(question), admin_post(question, decision="published"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED and question.published_by == publisher
    assert question.published_at and question.notified_at
    assert [message.to for message in mail.outbox] == [["asker@example.com"]]
    message = mail.outbox[0]
    assert message.subject == "Your question has been answered: Licence for a bulletin"
    assert f"http://testserver/en/questions/{question.pk}/" in message.body
    # Withdrawn and published again: the asker is not told twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(question), admin_post(question, decision="answered"))
        client.post(change_url(question), admin_post(question, decision="published"))
    assert Question.objects.get().status == Status.PUBLISHED
    assert len(mail.outbox) == 1


def test_a_vietnamese_asker_is_emailed_in_vietnamese(client, licensing, publisher, django_capture_on_commit_callbacks):
    question = make_question(licensing, status=Status.ANSWERED, title="Hỏi về giấy phép")
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(question), admin_post(question, decision="published"))
    message = mail.outbox[0]
    assert message.subject == "Câu hỏi của bạn đã được trả lời: Hỏi về giấy phép"
    assert f"/vi/questions/{question.pk}/" in message.body and "Kính gửi Trần Văn Dân" in message.body


def test_nothing_is_published_without_an_answer(client, licensing, publisher):
    question = make_question(licensing, status=Status.WAITING)
    client.force_login(publisher)
    response = client.post(change_url(question), admin_post(question, decision="published"))
    assert response.status_code == 200
    assert "Hãy viết câu trả lời trước khi công bố." in response.text
    assert Question.objects.get().status == Status.WAITING


def test_answer_and_publish_in_one_save(client, licensing, publisher, django_capture_on_commit_callbacks):
    question = make_question(licensing, status=Status.WAITING)
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(question), admin_post(question, answer="Câu trả lời đầy đủ.", decision="published"))
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED and question.answered_by == publisher
    assert len(mail.outbox) == 1


def test_editing_the_question_is_recorded_and_shown(client, licensing, publisher):
    question = make_question(licensing, body="Số điện thoại của tôi là 0905 111 222, xin gọi lại.")
    client.force_login(publisher)
    client.post(change_url(question), admin_post(question, body="Xin cơ quan liên hệ lại với tôi."))
    question.refresh_from_db()
    assert question.edited_by == publisher and question.edited_at
    page = client.get(f"/vi/questions/{question.pk}/").text
    assert "0905 111 222" not in page and "đã được cơ quan biên tập" in page


def test_a_moderator_cannot_change_a_published_question(client, licensing, answerer):
    question = make_question(licensing, answer="Câu trả lời đã công bố.")
    client.force_login(answerer)
    client.post(change_url(question), admin_post(question, answer="Đổi câu trả lời.", decision="rejected"))
    question.refresh_from_db()
    assert question.answer == "Câu trả lời đã công bố." and question.status == Status.PUBLISHED


def test_the_bulk_actions(client, licensing, answerer, publisher, django_capture_on_commit_callbacks):
    answered = make_question(licensing, status=Status.ANSWERED, title="Có câu trả lời")
    waiting = make_question(licensing, status=Status.WAITING, title="Chưa có câu trả lời")
    client.force_login(answerer)
    actions = client.get(LIST).text
    assert "reject_selected" in actions and "publish_selected" not in actions
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"action": "publish_selected", "_selected_action": [answered.pk, waiting.pk]},
                               follow=True)
    assert "Đã công bố 1 câu trả lời." in response.text
    assert "1 câu hỏi chưa có câu trả lời nên chưa được công bố." in response.text
    assert Question.objects.get(pk=answered.pk).status == Status.PUBLISHED
    assert Question.objects.get(pk=waiting.pk).status == Status.WAITING
    assert len(mail.outbox) == 1
    client.post(LIST, {"action": "reject_selected", "_selected_action": [waiting.pk]})
    assert Question.objects.get(pk=waiting.pk).status == Status.REJECTED


def test_questions_come_from_citizens_only(client, publisher):
    client.force_login(publisher)
    assert client.get(f"{LIST}add/").status_code == 403


def test_the_fields_are_kept_by_approvers(client, publisher, answerer):
    client.force_login(answerer)
    assert client.get("/admin/questions/topic/add/").status_code == 403
    client.force_login(publisher)
    response = client.post("/admin/questions/topic/add/", {"name_vi": "Tần số vô tuyến điện", "name_en": "Radio",
                                                         "slug": "", "order": "9"})
    assert response.status_code == 302
    from questions.models import Topic

    assert Topic.objects.get(name_vi="Tần số vô tuyến điện").slug == "tan-so-vo-tuyen-dien"
    assert client.get("/admin/questions/topic/").status_code == 200


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_admin_pages_work_in_both_languages(client, licensing, publisher, language):
    question = make_question(licensing, status=Status.WAITING)
    client.force_login(publisher)
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for url in (LIST, change_url(question), "/admin/questions/topic/", "/admin/"):
        assert client.get(url, **headers).status_code == 200, url
    assert ("Hỏi đáp" if language == "vi" else "Questions and answers") in client.get("/admin/", **headers).text


@pytest.mark.parametrize("value", ["\x00", "99999999999999999999", "-1", "a" * 30000, "0001-01-01"])
def test_the_change_form_takes_bad_values_without_a_server_error(client, licensing, publisher, value):
    question = make_question(licensing, status=Status.WAITING)
    client.force_login(publisher)
    data = {name: value for name in ("topic", "title", "body", "answer", "decision")}
    response = client.post(change_url(question), data)
    assert response.status_code == 200  # the form, with its errors
    assert Question.objects.get().status == Status.WAITING
    listing = client.get(LIST, {"status__exact": value, "topic__id__exact": value, "q": value})
    assert listing.status_code < 500
