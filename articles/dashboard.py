from django.urls import reverse
from django.utils.translation import gettext as _

from .admin_workflow import waiting_for
from .models import Article


def dashboard_items(request) -> list[dict]:
    """The admin index's "Needs attention": what waits for this person, level by level, and the
    editor's own articles sent back."""
    user = request.user
    items = []
    changelist = reverse("admin:articles_article_changelist")
    for n, name, where in waiting_for(user):
        items.append({
            "label": (_("Articles waiting for you at level %(n)d (%(name)s)") % {"n": n, "name": name} if n
                      else _("Articles awaiting approval")),
            "count": Article.objects.filter(where).count(),
            "url": f"{changelist}?approval__exact=pending" + (f"&level={n}" if n else ""),
            "warning": True,
        })
    if user.has_perm("articles.add_article") and not user.has_perm("articles.approve_article"):
        items.append({
            "label": _("My articles sent back for changes"),
            "count": Article.objects.filter(created_by=user, approval__in=[
                Article.Approval.RETURNED, Article.Approval.REJECTED]).count(),
            "url": f"{changelist}?approval__exact=returned",
            "warning": True,
        })
    return items
