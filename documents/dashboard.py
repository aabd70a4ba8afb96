from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Approval, Document, Opinion


def dashboard_items(request) -> list[dict]:
    """The admin index's counts: documents awaiting approval (for approvers), opinions on drafts
    awaiting moderation (for whoever moderates them)."""
    user = request.user
    items = []
    if user.has_perm("documents.approve_document"):
        items.append({
            "label": _("Documents awaiting approval"),
            "count": Document.objects.filter(approval=Approval.PENDING).count(),
            "url": f"{reverse('admin:documents_document_changelist')}?approval__exact={Approval.PENDING}",
            "warning": True,
        })
    if user.has_perm("documents.change_opinion"):
        items.append({
            "label": _("Opinions on drafts awaiting moderation"),
            "count": Opinion.objects.filter(status=Opinion.Status.PENDING).count(),
            "url": f"{reverse('admin:documents_opinion_changelist')}?status__exact={Opinion.Status.PENDING}",
            "warning": True,
        })
    return items
