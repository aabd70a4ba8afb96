from modeltranslation.translator import TranslationOptions, register

from .models import AboutPage, Banner, Contact, Leader, Link, LinkGroup, SiteSettings, Unit


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("portal_name", "agency_name", "description", "address", "working_hours", "footer_text")


@register(AboutPage)
class AboutPageTranslationOptions(TranslationOptions):
    fields = ("organisation", "functions", "chart_description")


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("position", "unit")


@register(Leader)
class LeaderTranslationOptions(TranslationOptions):
    fields = ("position", "duties")
    required_languages = {"vi": ("position",), "default": ()}


@register(Unit)
class UnitTranslationOptions(TranslationOptions):
    fields = ("name", "head_position", "duties")
    required_languages = {"vi": ("name",), "default": ()}


@register(LinkGroup)
class LinkGroupTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"vi": ("name",), "default": ()}


@register(Link)
class LinkTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = {"vi": ("title",), "default": ()}


@register(Banner)
class BannerTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = {"vi": ("title",), "default": ()}
