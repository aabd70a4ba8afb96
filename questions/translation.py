from modeltranslation.translator import TranslationOptions, register

from .models import Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    # Only the fields' names are translated: a question stays in the language it was asked in.
    fields = ("name",)
    required_languages = ("vi",)
