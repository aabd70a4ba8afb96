from django.db import transaction
from django.utils import translation

from .forms import duplicate_error, is_duplicate
from .models import Question, Topic
from .notifications import question_notify_asker, question_notify_office


def question_create(*, topic: Topic, name: str, email: str, phone: str, title: str, body: str, visitor: str,
                    language: str | None = None, base_url: str = "") -> Question:
    """Store a citizen's question, waiting for the office, and tell the office once it is committed.

    Raises ValidationError (code "duplicate") when the same question arrived within the duplicate
    window, even from a request racing this one.
    """
    language = (language or translation.get_language() or "vi")[:2]
    with transaction.atomic():
        # Locking the field serialises the questions sent to it (SQLite serialises every write).
        Topic.objects.select_for_update().filter(pk=topic.pk).values_list("pk", flat=True).first()
        if is_duplicate(body):
            raise duplicate_error()
        question = Question.objects.create(topic=topic, name=name, email=email, phone=phone, title=title,
                                           body=body, visitor=visitor, language=language)
        transaction.on_commit(lambda: question_notify_office(question=question, base_url=base_url))
    return question


def question_publish(question: Question, *, by, base_url: str = "") -> bool:
    """Approve the answer and publish it; the asker is e-mailed the link once it is committed."""
    with transaction.atomic():
        if not question.publish(by=by):
            return False
        transaction.on_commit(lambda: question_notify_asker(question=question, base_url=base_url))
    return True
