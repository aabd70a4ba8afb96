from django.urls import reverse
from django.utils.translation import gettext as _

from .services import figures_cached


def dashboard_items(request) -> list[dict]:
    if not request.user.has_perm("stats.view_statistics"):
        return []
    online = (figures_cached() or {}).get("online")
    return [{
        "label": _("Statistics — readers online now"),
        "count": "–" if online is None else online,
        "url": reverse("admin:stats_statistics"),
    }]
