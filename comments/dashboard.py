from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Comment


def dashboard_items(request) -> list[dict]:
    if not request.user.has_perm("comments.change_comment"):
        return []
    return [{
        "label": _("Comments awaiting moderation"),
        "count": Comment.objects.pending().count(),
        "url": reverse("admin:comments_comment_changelist") + "?status__exact=pending",
        "warning": True,
    }]
