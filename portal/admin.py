from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import AboutPage, Contact, SiteSettings

# The admin index opens with what needs attention (pending articles, comments, royalties).
admin.site.index_template = "admin/portal_index.html"
admin.site.site_header = _("Portal administration")
admin.site.site_title = _("Portal administration")
# The index and the breadcrumbs lead everywhere; the navigation sidebar took 300 px from every
# list, and the article list's columns scrolled out of sight at 1280 px.
admin.site.enable_nav_sidebar = False


class SingletonAdmin(TranslationAdmin):
    """The one record is edited in place: no list, no second record, no delete."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        obj = self.model.load()
        opts = self.model._meta
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonAdmin):
    pass


class ContactInline(TranslationTabularInline):
    model = Contact
    extra = 1


@admin.register(AboutPage)
class AboutPageAdmin(SingletonAdmin):
    inlines = (ContactInline,)
    readonly_fields = ("updated_at",)
