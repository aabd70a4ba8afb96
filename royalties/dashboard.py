from django.urls import reverse
from django.utils.translation import gettext as _

from .services import WARN_DAYS, royalty_unpaid_counts


def dashboard_items(request) -> list[dict]:
    if not request.user.has_perm("articles.view_royalty_report"):
        return []
    counts = royalty_unpaid_counts()
    # No period with "unpaid only": the report lists every unpaid royalty up to today.
    url = reverse("admin:royalties_report") + "?unpaid=on"
    return [
        {"label": _("Unpaid royalties"), "count": counts["unpaid"], "url": url},
        {"label": _("Unpaid royalties older than %(days)d days") % {"days": WARN_DAYS},
         "count": counts["late"], "url": url, "warning": True},
    ]
