import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Each allowed extension and how such a file begins: a renamed page or program is refused.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE2 (Word 97-2003)
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def validate_document_file(file) -> None:
    """A PDF, DOC, DOCX or ODT file that is what its name says, within the size limit."""
    max_bytes = getattr(settings, "DOCUMENTS_FILE_MAX_BYTES", 30 * 1024 * 1024)
    extension = os.path.splitext(file.name or "")[1].lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(_("A document's file must be PDF, DOC, DOCX or ODT."), code="document_file_type")
    if file.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
            code="document_file_too_large",
        )
    try:
        position = file.tell()
    except Exception:
        position = 0
    try:
        file.seek(0)
        head = file.read(8)
    except Exception:
        head = b""
    finally:
        try:
            file.seek(position)
        except Exception:
            pass
    if isinstance(head, str):
        head = head.encode("latin-1", "replace")
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(_("The file is not a real %(type)s file.") % {"type": extension.upper()},
                              code="document_file_content")
