from django import template

from portal.dashboard import dashboard_items

register = template.Library()


@register.inclusion_tag("admin/includes/dashboard.html", takes_context=True)
def portal_dashboard(context):
    return {"items": dashboard_items(context["request"])}
