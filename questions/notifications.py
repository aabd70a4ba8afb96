"""E-mail about questions (portal.mail: one message per address, never holding up the request).
The office hears of each new question; the asker hears once that the answer is published, with
its link."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from comments import notifications as comment_notifications
from portal.mail import send_separately
from portal.models import SiteSettings


def _render(template: str, context: dict) -> tuple[str, str]:
    subject = " ".join(render_to_string(f"questions/email/{template}_subject.txt", context).split())
    return subject, render_to_string(f"questions/email/{template}.txt", context)


def question_notify_office(*, question, base_url: str = "") -> None:
    """Tell the office (the comments' moderators and the approvers) that a question arrived."""
    recipients = comment_notifications.moderator_emails()
    if not recipients:
        return
    # The office works in the portal's main language, whatever the asker's.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"question": question,
                   "admin_url": base_url + reverse("admin:questions_question_change", args=[question.pk])}
        subject, body = _render("new_question", context)
    send_separately(subject, body, recipients, purpose="question notification")


def question_notify_asker(*, question, base_url: str = "") -> bool:
    """Tell the asker, in the language they asked in, that the answer is published; only once."""
    if not question.is_public or not question.mark_notified():
        return False
    with translation.override(question.language):
        context = {"question": question, "question_url": base_url + question.get_absolute_url(),
                   "site": SiteSettings.load()}
        subject, body = _render("answered", context)
    send_separately(subject, body, [question.email], purpose="answer notification")
    return True
