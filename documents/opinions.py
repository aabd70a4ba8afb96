"""Readers' opinions on drafts: stored for moderation, the moderators told by e-mail."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from comments.notifications import moderator_emails
from portal.mail import send_separately

from .forms import duplicate_error
from .models import Document, Opinion


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
    send_separately(subject, body, recipients, purpose="opinion notification")

