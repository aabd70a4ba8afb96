"""schema.org descriptions of the site (JSON-LD), built from the site settings.

Search engines read them from `<script type="application/ld+json">` (`portal_tags.ld_json`):
data, not script, so the CSP's `script-src 'self'` stands.
"""

from django.templatetags.static import static

CONTEXT = "https://schema.org"


def absolute(site_url: str, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else f"{site_url}{path}"


def organisation(site, site_url: str) -> dict:
    """The agency as a GovernmentOrganization: its name, address, contacts and logo."""
    data = {
        "@type": "GovernmentOrganization",
        "@id": f"{site_url}/#organisation",
        "name": site.agency_name,
        "url": f"{site_url}/",
        "logo": {"@type": "ImageObject",
                 "url": absolute(site_url, site.logo.url if site.logo else static("portal/img/emblem.svg"))},
    }
    if site.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": site.address, "addressCountry": "VN"}
    if site.phone:
        data["telephone"] = site.phone
    if site.email:
        data["email"] = site.email
    return data


def website(site, site_url: str, language: str, search_url: str) -> dict:
    """The portal as a WebSite published by the agency, with its search (a sitelinks search box)."""
    return {
        "@type": "WebSite",
        "@id": f"{site_url}/#website",
        "name": site.portal_name,
        "url": f"{site_url}/",
        "inLanguage": language,
        "publisher": {"@id": f"{site_url}/#organisation"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{site_url}{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs(site_url: str, crumbs) -> dict:
    """A BreadcrumbList of (name, path) pairs, in the order the page shows them."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": absolute(site_url, path)}
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def graph(*nodes) -> dict:
    """One JSON-LD document holding the nodes."""
    return {"@context": CONTEXT, "@graph": [node for node in nodes if node]}
