from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Article
from .royalties import WARN_DAYS, royalty_unpaid_counts


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
    if user.has_perm("articles.view_royalty_report"):
        counts = royalty_unpaid_counts()
        # No period with "unpaid only": the report lists every unpaid royalty up to today.
        url = reverse("admin:articles_royalty_report") + "?unpaid=on"
        items.append({"label": _("Unpaid royalties"), "count": counts["unpaid"], "url": url})
        items.append({
            "label": _("Unpaid royalties older than %(days)d days") % {"days": WARN_DAYS},
            "count": counts["late"],
            "url": url,
            "warning": True,
        })
    return items
