from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from articles.models import Article
from articles.text import search_normalise
from portal.admin import SafeAutocompleteMixin, StrictAdminMixin

from .models import GalleryPhoto, Image, Video
from .services import figure_html


@admin.register(Image)
class ImageAdmin(StrictAdminMixin, TranslationAdmin):
    list_display = ("thumbnail", "alt", "caption", "credit", "taken_on", "created_at")
    list_display_links = ("thumbnail", "alt")
    list_filter = ("taken_on", "created_at")
    search_fields = ("search_text",)
    date_hierarchy = "created_at"
    fields = ("file", "alt", "caption", "credit", "taken_on")
    list_per_page = 40

    class Media:
        css = {"all": ["multimedia/admin.css"]}

    @admin.display(description=_("image"))
    def thumbnail(self, image):
        return format_html('<img class="library-thumbnail" src="{}" alt="" width="120" height="{}">',
                           image.w480.url, round(120 * image.height / image.width) if image.width else 80)

    def get_search_results(self, request, queryset, search_term):
        # Every word, with or without its diacritics, anywhere in the texts.
        for word in search_normalise(search_term).split()[:10]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    def get_readonly_fields(self, request, obj=None):
        # Articles name the file in their text: another photo is a new library image.
        return ("file",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        # An image in an article's text is no foreign key: Django would delete it and leave the
        # text pointing at nothing. Those articles refuse the deletion, listed as protected.
        deleted, counts, permissions, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            protected += [format_html('{}: <a href="{}">{}</a>', _("Text of the article"),
                                      article.get_absolute_url(), article.title)
                          for article in image.used_in_bodies()]
        return deleted, counts, permissions, protected

    def get_urls(self):
        return [path("picker/", self.admin_site.admin_view(self.picker_view), name="multimedia_image_picker"),
                *super().get_urls()]

    def picker_view(self, request):
        """The body editor's image window: upload a new image or choose one from the library."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        may_add = self.has_add_permission(request)
        if request.method == "POST" and not may_add:
            raise PermissionDenied
        # The library's own add form: the same fields, checks and date limits as its add page.
        upload_form = self.get_form(request, change=False)
        form = upload_form(request.POST or None, request.FILES or None) if may_add else None
        chosen = None
        if request.method == "POST" and form.is_valid():
            form.instance.uploaded_by = request.user
            chosen = form.save()
            form = upload_form()
        query = request.GET.get("q", "")[:100]
        images = self.get_search_results(request, Image.objects.all(), query)[0]
        page = Paginator(images, 24).get_page(request.GET.get("page"))
        context = {**self.admin_site.each_context(request), "title": _("Insert an image"), "form": form,
                   "page": page, "query": query, "chosen": chosen, "func_num": request.GET.get("CKEditorFuncNum", ""),
                   "figure": figure_html(chosen) if chosen else "", "opts": self.model._meta, "is_popup": True}
        return TemplateResponse(request, "multimedia/admin/picker.html", context)


class GalleryPhotoInline(SafeAutocompleteMixin, TranslationTabularInline):
    model = GalleryPhoto
    fields = ("position", "image", "caption")
    autocomplete_fields = ("image",)
    extra = 0
    verbose_name_plural = _("Photo story: its photos, in order")


class VideoInline(SafeAutocompleteMixin, TranslationStackedInline):
    model = Video
    fields = ("title", "file", "youtube_url", "poster", "captions")
    autocomplete_fields = ("poster",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0


# The article's page in the admin gets the story's photos and the video: added here, so
# articles never imports this app.
article_admin = admin.site.get_model_admin(Article)
article_admin.inlines = (*article_admin.inlines, GalleryPhotoInline, VideoInline)
