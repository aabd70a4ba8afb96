from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Article


def dashboard_items(request) -> list[dict]:
    user = request.user
    items = []
    if user.has_perm("articles.approve_article"):
        items.append({
            "label": _("Articles awaiting approval"),
            "count": Article.objects.filter(approval=Article.Approval.PENDING).count(),
            "url": reverse("admin:articles_article_changelist") + "?approval__exact=pending",
            "warning": True,
        })
    elif user.has_perm("articles.add_article"):
        items.append({
            "label": _("My articles sent back for changes"),
            "count": Article.objects.filter(created_by=user, approval=Article.Approval.REJECTED).count(),
            "url": reverse("admin:articles_article_changelist") + "?approval__exact=rejected",
            "warning": True,
        })
    return items
