from django import template

from ..models import Document

register = template.Library()

LATEST = 6


@register.inclusion_tag("documents/includes/latest_documents.html", takes_context=True)
def latest_documents(context, count=LATEST):
    """The home page's "New documents" block: the newest public documents (kept in the template
    cache under the page-cache version, so read only when it changes)."""
    return {
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "page_version": context.get("page_version"),
        "fragment_seconds": context.get("fragment_seconds"),
        "today": context.get("today"),
        "latest_documents": lambda: list(Document.objects.published().documents().for_list()
                                         .order_by("-issue_date", "-pk")[:count]),
        "open_drafts": lambda: list(Document.objects.published().open_for_comment().for_list()
                                    .order_by("comment_closes", "pk")[:3]),
    }


@register.filter
def iso_time(value):
    """An aware datetime as an HTML `datetime` value in local time, without microseconds."""
    from django.utils import timezone

    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def filter_query(context, page=None):
    """The list's address query: its filters, then the page (when given)."""
    query = context["filters"].query_string if context.get("filters") else ""
    if page is not None:
        query = f"{query}&page={page}" if query else f"page={page}"
    return f"?{query}" if query else "?"
