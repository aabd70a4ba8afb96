"""Readers' opinions on drafts: stored for moderation, the moderators told by e-mail."""

import logging
import threading

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from comments.notifications import moderator_emails

from .forms import duplicate_error
from .models import Document, Opinion

logger = logging.getLogger(__name__)


def opinion_create(*, document: Document, name: str, email: str, body: str, visitor: str,
                   base_url: str = "") -> Opinion:
    """Store a reader's opinion, pending, and tell the moderators once it is committed. Raises
    ValidationError (code "duplicate") when the same text reached the draft within the
    duplicate window, even from a request racing this one."""
    with transaction.atomic():
        # Locking the draft serialises its new opinions (the duplicate check cannot be raced).
        Document.objects.select_for_update().filter(pk=document.pk).values_list("pk", flat=True).first()
        if Opinion.objects.has_duplicate(document=document, body=body):
            raise duplicate_error()
        opinion = Opinion.objects.create(document=document, name=name, email=email, body=body, visitor=visitor)
        transaction.on_commit(lambda: opinion_notify_moderators(opinion=opinion, base_url=base_url))
    return opinion


def opinion_notify_moderators(*, opinion: Opinion, base_url: str = "") -> None:
    recipients = moderator_emails()
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "opinion": opinion,
            "document": opinion.document,
            "document_url": base_url + opinion.document.get_absolute_url(),
            "admin_url": base_url + reverse("admin:documents_opinion_change", args=[opinion.pk]),
        }
        subject = " ".join(render_to_string("documents/email/new_opinion_subject.txt", context).split())
        body = render_to_string("documents/email/new_opinion.txt", context)
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    if getattr(settings, "COMMENTS_NOTIFY_ASYNC", True):
        threading.Thread(target=_send, args=(messages,), name="opinion-notification", daemon=True).start()
    else:
        _send(messages)


def _send(messages) -> None:
    try:
        get_connection().send_messages(messages)
    except Exception as error:  # a mail server down must not break anything else
        logger.error("opinion notification not sent: %s", type(error).__name__)
