"""E-mail to the moderators about a new comment, sent without holding up the reader."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.mail import send_separately
from portal.roles import APPROVERS, MODERATORS


def moderator_emails() -> list[str]:
    """Addresses of the active members of the moderating groups."""
    users = get_user_model().objects.filter(is_active=True, groups__name__in=[MODERATORS, APPROVERS])
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def comment_notify_moderators(*, comment, base_url: str = "") -> None:
    """Build the message here (queries belong to the request) and send it, in the background by default."""
    recipients = moderator_emails()
    if not recipients:
        return
    # Moderators work in the portal's main language, whatever the reader's.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "comment": comment,
            "article": comment.article,
            "article_url": base_url + comment.article.get_absolute_url(),
            "admin_url": base_url + reverse("admin:comments_comment_change", args=[comment.pk]),
        }
        subject = " ".join(render_to_string("comments/email/new_comment_subject.txt", context).split())
        body = render_to_string("comments/email/new_comment.txt", context)
    send_separately(subject, body, recipients, purpose="comment notification")

