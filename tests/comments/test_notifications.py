import logging
import threading

from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from comments.models import Comment
from comments.services import comment_create
from portal.roles import APPROVERS, EDITORS, MODERATORS

from .helpers import comment_url, form_data


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp.example.gov.vn refused mail for moderator1@example.gov.vn")


def add_user(django_user_model, username, group, **fields):
    user = django_user_model.objects.create_user(username, fields.pop("email", f"{username}@example.gov.vn"),
                                                 "pass-Word-123", is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_new_comment_is_mailed_to_each_moderator(client, article, moderator, approver, editor,
                                                   django_user_model, django_capture_on_commit_callbacks):
    add_user(django_user_model, "no-mail", MODERATORS, email="")
    add_user(django_user_model, "gone", MODERATORS, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(comment_url(article), form_data(body="Đề nghị bổ sung lịch tiếp dân."),
                    HTTP_HOST="testserver")
    assert sorted(m.to[0] for m in mail.outbox) == ["approver1@example.gov.vn", "moderator1@example.gov.vn"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    message = mail.outbox[0]
    comment = Comment.objects.get()
    assert article.title_vi in message.subject and "chờ kiểm duyệt" in message.subject
    assert "Đề nghị bổ sung lịch tiếp dân." in message.body
    assert f"http://testserver/admin/comments/comment/{comment.pk}/change/" in message.body
    assert f"http://testserver{article.get_absolute_url()}" in message.body
    # The reader's address stays in the admin.
    assert "hoa.reader@example.com" not in message.body


def test_nothing_is_mailed_when_the_comment_is_not_committed(article, moderator,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                comment_create(article=article, name="Hoa", email="hoa@example.com",
                               body="Sẽ bị hủy cùng giao dịch.", visitor="v")
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []


def test_mail_is_sent_in_the_background_by_default(client, article, moderator, settings,
                                                   django_capture_on_commit_callbacks):
    settings.COMMENTS_NOTIFY_ASYNC = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(comment_url(article), form_data())
    assert response.status_code == 302
    for thread in threading.enumerate():
        if thread.name == "comment notification":
            thread.join(timeout=10)
    assert [m.to for m in mail.outbox] == [["moderator1@example.gov.vn"]]


def test_a_mail_failure_loses_neither_the_comment_nor_privacy(client, article, moderator, settings, caplog,
                                                              django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="portal.mail"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(comment_url(article), form_data(name="Phạm Thu", email="thu@example.com"))
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "comment notification not sent: ConnectionRefusedError" in caplog.text
    for private in ("moderator1@example.gov.vn", "thu@example.com", "Phạm Thu", "127.0.0.1"):
        assert private not in caplog.text


def test_no_moderators_means_no_mail(client, article, django_capture_on_commit_callbacks, django_user_model):
    add_user(django_user_model, "editor9", EDITORS)
    Group.objects.filter(name__in=[MODERATORS, APPROVERS]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(comment_url(article), form_data())
    assert mail.outbox == []
