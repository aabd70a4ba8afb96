"""A legal document as schema.org Legislation (JSON-LD), from what its page shows."""

from django.utils import timezone

from portal.structured_data import absolute, breadcrumbs, graph, organisation

from .models import DocumentRelation, Validity
from .validators import CONTENT_TYPES

LEGAL_FORCE = {
    Validity.IN_FORCE: "https://schema.org/InForce",
    Validity.NOT_YET: "https://schema.org/NotInForce",
    Validity.EXPIRED: "https://schema.org/NotInForce",
    Validity.REPLACED: "https://schema.org/NotInForce",
}
# What this document does to another (DocumentRelation.Kind), in schema.org's words.
CHANGES = {DocumentRelation.Kind.REPLACES: "legislationChanges", DocumentRelation.Kind.AMENDS: "legislationAmends",
           DocumentRelation.Kind.GUIDES: "legislationApplies"}


def legislation(document, facts, *, site, site_url: str, language: str) -> dict:
    url = absolute(site_url, document.get_absolute_url())
    data = {
        "@type": "Legislation",
        "@id": f"{url}#document",
        "url": url,
        "name": document.title,
        "description": document.summary,
        "inLanguage": language,
        "legislationType": document.doc_type.name,
        "legislationDate": document.issue_date.isoformat(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": document.issuer.name},
        "legislationJurisdiction": {"@type": "Country", "name": "Việt Nam"},
        "datePublished": timezone.localtime(document.publish_at).isoformat(timespec="seconds"),
        "publisher": organisation(site, site_url),
    }
    if document.number:
        data["legislationIdentifier"] = document.number
    if document.signer:
        data["legislationResponsible"] = {"@type": "Person", "name": document.signer}
    if document.sector_id:
        data["about"] = document.sector.name
    if not document.is_draft:
        if document.effective_date:
            data["legislationDateOfApplicability"] = document.effective_date.isoformat()
        if document.expiry_date:
            data["expires"] = document.expiry_date.isoformat()
        if facts.get("validity"):
            data["legislationLegalForce"] = LEGAL_FORCE[facts["validity"]]
    for kind, other in facts.get("outgoing_kinds", ()):
        data.setdefault(CHANGES[kind], []).append({"@type": "Legislation", "url": absolute(site_url, other.get_absolute_url()),
                                                   "name": other.title})
    if facts.get("files"):
        data["encoding"] = [{"@type": "MediaObject", "name": str(item),
                             "encodingFormat": CONTENT_TYPES.get(item.extension.lower(), "application/octet-stream"),
                             "contentUrl": absolute(site_url, item.get_absolute_url())} for item in facts["files"]]
    return data


def document_graph(document, facts, *, site, site_url: str, language: str, crumbs) -> dict:
    return graph(legislation(document, facts, site=site, site_url=site_url, language=language),
                 breadcrumbs(site_url, crumbs))
