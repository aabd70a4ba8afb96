from modeltranslation.translator import TranslationOptions, register

from .models import Document, DocumentFile, DocumentType, Issuer, Sector


@register(DocumentType)
class DocumentTypeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Issuer)
class IssuerTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("summary", "content", "opinion_summary")
    # English is optional: the English pages show the Vietnamese summary, marked as such.
    required_languages = {"vi": ("summary",), "default": ()}


@register(DocumentFile)
class DocumentFileTranslationOptions(TranslationOptions):
    fields = ("title",)
