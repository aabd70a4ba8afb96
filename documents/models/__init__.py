"""Legal and steering documents (văn bản), their files and relations, and drafts for comment.

A document's validity is never stored: it follows from its dates and from the documents that
replace it (`Document.validity`, and `DocumentQuerySet.with_validity` for lists). A document is
public once approved and its publication time has come, as an article is.
"""

from .attached import DocumentFile, DocumentRelation, Opinion, OpinionQuerySet, document_file_path
from .document import (FULL_TEXT_EXTENSIONS, Document, DocumentQuerySet, mark_replaced, next_change, public_q,
                       replaced_q, replacing_relations)
from .lists import Approval, DocumentType, Issuer, ManagedList, Sector, Validity

__all__ = [
    "Approval", "Document", "DocumentFile", "DocumentQuerySet", "DocumentRelation", "DocumentType", "FULL_TEXT_EXTENSIONS",
    "Issuer", "ManagedList", "Opinion", "OpinionQuerySet", "Sector", "Validity", "document_file_path", "mark_replaced",
    "next_change", "public_q", "replaced_q", "replacing_relations",
]
