"""E-mail to whoever must act next on an article: the next level's group when it moves on, its
editor when it is returned, rejected or approved. Sent after the step commits (portal.mail)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.mail import send_separately

from .models import Article, Transition
from .workflow import current_level

Action = Transition.Action


def next_actors(article: Article, level) -> list[str]:
    """Addresses of the active staff who act at this level (services.Level)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if level.group_id is None:
        perm = Q(groups__permissions__codename="approve_article") | Q(user_permissions__codename="approve_article")
        users = users.filter(perm | Q(is_superuser=True))
    else:
        users = users.filter(groups__pk=level.group_id)
    if not level.own_articles and article.created_by_id:
        users = users.exclude(pk=article.created_by_id)
    return list(users.values_list("email", flat=True).distinct())


def step_taken(*, article: Article, by, action: str) -> None:
    if action in (Action.SUBMIT, Action.FORWARD):
        recipients = next_actors(article, current_level(article))
    elif action in (Action.RETURN, Action.REJECT, Action.APPROVE) and article.created_by_id:
        creator = get_user_model().objects.filter(pk=article.created_by_id, is_active=True).first()
        recipients = [creator.email] if creator and creator.email else []
    else:
        return
    recipients = [address for address in recipients if address != getattr(by, "email", None)]
    if not recipients:
        return
    # Staff work in the portal's main language.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"article": article, "by": by, "action": Action(action).label,
                   "level": current_level(article), "note": article.rejection_reason,
                   "admin_url": settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])}
        subject = " ".join(render_to_string("articles/email/step_subject.txt", context).split())
        body = render_to_string("articles/email/step.txt", context)
    send_separately(subject, body, recipients, purpose="workflow notification")
