"""Filters every public page uses: machine-readable times and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal import models, structured_data

register = template.Library()

# What must not appear raw inside a <script> element: the JSON stays valid, the HTML parser
# never sees a closing tag or a comment opener.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def machine_time(value):
    """A `<time datetime>` value: local time to the second with its offset
    ("2026-08-10T21:41:28+07:00"); HTML admits at most three digits of a second's fraction."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


@register.filter
def ld_json(data):
    """A `<script type="application/ld+json">` element holding the data (schema.org), or nothing."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>')


@register.simple_tag(takes_context=True)
def organisation_ld(context, search_url=""):
    """The agency as JSON-LD; on the home page (given the search page's address) the portal too."""
    site, site_url = context["site"], context["site_url"]
    nodes = [structured_data.organisation(site, site_url)]
    if search_url:
        nodes.append(structured_data.website(site, site_url, context.get("LANGUAGE_CODE") or get_language(),
                                             search_url))
    return ld_json(structured_data.graph(*nodes))


@register.simple_tag
def site_links():
    """The link groups (`services`, `footer`) and the banners shown today."""
    links = models.site_links()
    today = timezone.localdate()
    return {**links, "banners": [banner for banner in links["banners"] if banner.shown_on(today)]}
