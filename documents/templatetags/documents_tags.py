from django import template
from django.urls import reverse
from django.utils.translation import get_language, gettext as _

from portal.templatetags.portal_tags import ld_json

from .. import structured_data
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


@register.simple_tag(takes_context=True)
def filter_query(context, page=None):
    """The list's address query: its filters, then the page (when given)."""
    query = context["filters"].query_string if context.get("filters") else ""
    if page is not None:
        query = f"{query}&page={page}" if query else f"page={page}"
    return f"?{query}" if query else "?"


@register.simple_tag(takes_context=True)
def document_ld(context, document, facts):
    """The document as schema.org Legislation with its breadcrumbs (JSON-LD)."""
    crumbs = [(_("Home"), reverse("articles:home")), (_("Legal documents"), reverse("documents:list"))]
    if document.is_draft:
        crumbs.append((_("Drafts for public comment"), reverse("documents:drafts")))
    return ld_json(structured_data.document_graph(
        document, facts, site=context["site"], site_url=context["site_url"],
        language=context.get("LANGUAGE_CODE") or get_language(), crumbs=crumbs))
