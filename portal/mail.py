"""Staff e-mail, sent without holding up the request that caused it."""

import logging
import threading

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger(__name__)


def send_separately(subject: str, body: str, recipients, *, purpose: str) -> None:
    """One message to each address over one connection, so no one sees the others' addresses; in
    a background thread unless COMMENTS_NOTIFY_ASYNC is False (the tests)."""
    messages = [EmailMessage(subject, body, to=[address]) for address in sorted(set(recipients))]
    if not messages:
        return
    if getattr(settings, "COMMENTS_NOTIFY_ASYNC", True):
        threading.Thread(target=_send, args=(messages, purpose), name=purpose, daemon=True).start()
    else:
        _send(messages, purpose)


def _send(messages: list[EmailMessage], purpose: str) -> None:
    try:
        get_connection().send_messages(messages)
    except Exception as error:  # a mail server down must not break anything else
        # The class only: the error text may quote addresses, which stay out of logs.
        logger.error("%s not sent: %s", purpose, type(error).__name__)
