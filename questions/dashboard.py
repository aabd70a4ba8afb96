from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Question


def dashboard_items(request) -> list[dict]:
    """The admin index's counts: questions waiting for an answer, answers waiting for approval."""
    user = request.user
    items = []
    changelist = reverse("admin:questions_question_changelist")
    if user.has_perm("questions.change_question"):
        items.append({
            "label": _("Questions waiting for an answer"),
            "count": Question.objects.waiting().count(),
            "url": f"{changelist}?status__exact={Question.Status.WAITING}",
            "warning": True,
        })
    if user.has_perm("questions.approve_answer"):
        items.append({
            "label": _("Answers awaiting approval"),
            "count": Question.objects.awaiting_approval().count(),
            "url": f"{changelist}?status__exact={Question.Status.ANSWERED}",
            "warning": True,
        })
    return items
