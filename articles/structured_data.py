"""schema.org descriptions of articles and sections (JSON-LD), beside what the page shows."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.structured_data import absolute, breadcrumbs, graph, organisation

HEADLINE_LENGTH = 110  # what search engines show of a headline


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def section_crumbs(category) -> list:
    """Home, the parent section, the section: the breadcrumbs an article's or section's page shows."""
    crumbs = [(_("Home"), reverse("articles:home"))]
    if category.parent_id:
        crumbs.append((category.parent.name, category.parent.get_absolute_url()))
    crumbs.append((category.name, category.get_absolute_url()))
    return crumbs


def news_article(article, *, site, site_url: str, language: str) -> dict:
    url = absolute(site_url, article.get_absolute_url())
    headline = article.title if len(article.title) <= HEADLINE_LENGTH else article.title[:HEADLINE_LENGTH - 1] + "…"
    data = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": url,
        "url": url,
        "headline": headline,
        "description": article.summary,
        "inLanguage": language,
        "datePublished": _when(article.publish_at),
        "dateModified": _when(max(article.updated_at, article.publish_at)),
        "articleSection": article.category.name,
        "publisher": organisation(site, site_url),
    }
    if article.image:
        data["image"] = [absolute(site_url, article.image_detail.url)]
    if article.byline:
        data["author"] = [{"@type": "Person", "name": article.byline}]
    else:
        data["author"] = [{"@type": "GovernmentOrganization", "@id": f"{site_url}/#organisation",
                           "name": site.agency_name}]
    return data


def article_graph(article, *, site, site_url: str, language: str) -> dict:
    return graph(news_article(article, site=site, site_url=site_url, language=language),
                 breadcrumbs(site_url, section_crumbs(article.category)))


def section_graph(category, *, site_url: str) -> dict:
    return graph(breadcrumbs(site_url, section_crumbs(category)))
