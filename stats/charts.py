"""The daily chart, drawn as SVG on the server by pygal.

The SVG is put inline in the page without pygal's <script> (tooltips need it, the chart
does not) and without its <style>, which ``chart_css`` serves as a stylesheet instead: a
Content-Security-Policy without 'unsafe-inline' then has nothing to block.
"""

from xml.etree import ElementTree

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pygal.style import Style

CHART_ID = "statistics"

STYLE = Style(
    background="transparent",
    plot_background="#ffffff",
    foreground="#1f2328",
    foreground_strong="#1f2328",
    foreground_subtle="#8a939e",
    colors=("#0b4f8a", "#b71c1c", "#1b7f3a"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=14,
)


def _chart(*, points: int):
    chart = pygal.Line(
        style=STYLE, js=[], explicit_size=False, width=1000, height=380,
        show_dots=points <= 31, dots_size=3, stroke_style={"width": 2},
        legend_at_bottom=True, legend_at_bottom_columns=3, truncate_legend=-1, include_x_axis=True,
        x_labels_major_count=min(points, 8), show_minor_x_labels=False, truncate_label=-1,
        min_scale=4, max_scale=8, margin=16, show_y_guides=True, show_x_guides=False,
    )
    # A fixed id keeps the stylesheet the same for every chart.
    chart.uuid = CHART_ID
    return chart


def _series(chart, days):
    chart.x_labels = [date_format(day.day, "d/m") for day in days]
    chart.add(_("Page views"), [day.page_views for day in days])
    chart.add(_("Visits"), [day.visits for day in days])
    chart.add(_("Unique readers"), [day.unique_readers for day in days])


def chart_svg(days) -> str:
    """Page views, visits and unique readers per day, as an <svg> element."""
    chart = _chart(points=len(days))
    _series(chart, days)
    tree = chart.render_tree()
    for parent in [tree, *tree.iter("defs")]:
        for node in list(parent):
            if node.tag in ("script", "style", "title", ElementTree.Comment):
                parent.remove(node)
    for node in tree.iter():
        if node.get("class", "").split()[:1] == ["tooltip"]:
            node.clear()  # pygal's tooltip group: only its script would show it
        node.attrib.pop("style", None)  # inline styles are refused by the CSP (style-src 'self')
    tree.set("role", "img")
    tree.set("aria-labelledby", "statistics-chart-title")
    return ElementTree.tostring(tree, encoding="unicode")


def chart_css() -> str:
    """pygal's stylesheet for the chart (scoped to its id)."""
    chart = _chart(points=3)
    _series(chart, [])
    for node in chart.render_tree().iter("style"):
        return node.text or ""
    return ""
