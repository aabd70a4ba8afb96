from modeltranslation.translator import TranslationOptions, register

from .models import GalleryPhoto, Image, Video


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    required_languages = ("vi",)


@register(GalleryPhoto)
class GalleryPhotoTranslationOptions(TranslationOptions):
    fields = ("caption",)


@register(Video)
class VideoTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("vi",)
