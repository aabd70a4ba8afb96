from modeltranslation.translator import TranslationOptions, register

from .models import AboutPage, Contact, SiteSettings


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("portal_name", "agency_name", "description", "address", "footer_text")


@register(AboutPage)
class AboutPageTranslationOptions(TranslationOptions):
    fields = ("organisation", "functions")


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("position", "unit")
