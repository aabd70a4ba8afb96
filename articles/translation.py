from modeltranslation.translator import TranslationOptions, register

from .models import ApprovalLevel, Article, ArticleType, Attachment, Category


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"vi": ("name",), "default": ()}


@register(ArticleType)
class ArticleTypeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "content", "image_caption")
    # English is optional: an untranslated article is listed in Vietnamese only.
    required_languages = {"vi": ("title", "summary", "content"), "default": ()}


@register(Attachment)
class AttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("vi",)


@register(ApprovalLevel)
class ApprovalLevelTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)
