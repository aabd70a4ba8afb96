from decimal import Decimal

from django import forms
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.filters import DateFieldListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from .dates import validate_date_in_range, year_in_range
from .models import AboutPage, Banner, Contact, Leader, Link, LinkGroup, SiteSettings, Unit

# The admin index opens with what needs attention (pending articles, comments, royalties).
admin.site.index_template = "admin/portal_index.html"
admin.site.site_header = _("Portal administration")
admin.site.site_title = _("Portal administration")
# The index and the breadcrumbs lead everywhere; the navigation sidebar took 300 px from every
# list, and the article list's columns scrolled out of sight at 1280 px.
admin.site.enable_nav_sidebar = False


class OfferedFiltersChangeList(ChangeList):
    """A list whose address may hold only what its own filters, date hierarchy and search put
    there. Django also takes any lookup on the model's own columns (`?email__startswith=a`),
    which tells, a character at a time, what the list does not show."""

    def get_filters(self, request):
        hierarchy = self.date_hierarchy
        years = self.filter_params.get(f"{hierarchy}__year") if hierarchy else None
        # Django refuses a year that is not a number, but not one that ends out of Python's range.
        if years and years[-1].isascii() and years[-1].isdigit() and not year_in_range(int(years[-1])):
            raise IncorrectLookupParameters(f"year {years[-1]} is out of range")
        filters = super().get_filters(request)
        for spec in filters[0]:
            if isinstance(spec, DateFieldListFilter) and self._out_of_range(spec):
                raise IncorrectLookupParameters(f"{spec.field_path} is out of range")
        # What is left is what no filter took, but the bounds Django makes of the hierarchy's year.
        made = {f"{hierarchy}__gte", f"{hierarchy}__lt"} if years else set()
        unoffered = set(filters[2]) - made
        if unoffered:
            raise DisallowedModelAdminLookup(f"Filtering by {', '.join(sorted(unoffered))} not allowed")
        return filters

    def _out_of_range(self, spec) -> bool:
        """Whether a date filter's bounds fall outside portal.dates' years (a crafted address)."""
        for key in (spec.lookup_kwarg_since, spec.lookup_kwarg_until):
            for value in self.filter_params.get(key, ()):
                try:
                    day = spec.field.to_python(value)
                except ValidationError:
                    continue  # Django refuses it itself
                if day is not None and not year_in_range(day.year):
                    return True
        return False


class RecordsField(forms.ModelMultipleChoiceField):
    """Django's, but a number too large for the database is an invalid choice, not a 500
    (SQLite's driver raises OverflowError for `pk__in` with it)."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                  params={"pk": max(value, key=len)}) from None


class LocalizedDecimalField(forms.DecimalField):
    """A decimal as the editor writes it: "3,5" in Vietnamese (a text box; a number box would
    show "3.50"), without the zeros the column's decimal places add."""

    def prepare_value(self, value):
        # normalize() writes 20 as 2E+1; number_format, which the widget uses, writes it out again.
        return super().prepare_value(value.normalize() if isinstance(value, Decimal) else value)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}


def trimmed_decimal(field, empty):
    """A column or read-only line showing `field` in the active language's format, without
    needless zeros ("3,5", not "3.50" or "3,50"); `empty` when it has no value."""

    @admin.display(description=field.verbose_name, ordering=field.name)
    def show(obj):
        value = getattr(obj, field.attname)
        # A string: Django writes a read-only callable's value as str() does ("3.5").
        return empty if value is None else formats.number_format(Decimal(value).normalize())

    show.__name__ = field.name  # the column's CSS class and the line's help text follow the field
    return show


class StrictAdminMixin:
    """What every ModelAdmin of the portal does: its list takes in its address only the filters
    it offers, and its forms take dates only between portal.dates' years (and no number too
    large for the database as a choice of records); decimals are written and shown in the
    editor's language ("3,5")."""

    def get_changelist(self, request, **kwargs):
        return OfferedFiltersChangeList

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **{"form_class": RecordsField, **kwargs})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField):
            kwargs = {"form_class": LocalizedDecimalField, "localize": True, **kwargs}
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.DateField):  # DateTimeField too
            field.validators.append(validate_date_in_range)
        return field

    # Django shows a decimal column or read-only field with all its places ("3,50"): they are
    # shown through trimmed_decimal instead.
    def _decimal_displays(self):
        return {f.name: trimmed_decimal(f, self.get_empty_value_display())
                for f in self.model._meta.concrete_fields if isinstance(f, models.DecimalField)}

    def get_list_display(self, request):
        names = super().get_list_display(request)
        kept = {*(self.list_editable or ()), *(self.list_display_links or ())}
        displays = self._decimal_displays()
        return [displays[name] if name in displays and name not in kept else name for name in names]

    def render_change_form(self, request, context, *args, **kwargs):
        # Here, once every override has settled the fieldsets and which fields are read-only.
        adminform = context.get("adminform")
        displays = self._decimal_displays()
        read_only = {name: displays[name] for name in displays
                     if adminform is not None and name in adminform.readonly_fields}
        if read_only:
            adminform.fieldsets = [(title, {**options, "fields": [self._shown(name, read_only)
                                                                  for name in options["fields"]]})
                                   for title, options in adminform.fieldsets]
            adminform.readonly_fields = (*adminform.readonly_fields, *read_only.values())
        return super().render_change_form(request, context, *args, **kwargs)

    @staticmethod
    def _shown(name, displays):
        """A fieldset's entry (a name, or several on one line) with read-only decimals' displays."""
        if isinstance(name, (tuple, list)):
            return tuple(displays.get(n, n) if isinstance(n, str) else n for n in name)
        return displays.get(name, name) if isinstance(name, str) else name


# Django's and django-axes' admins, registered before this module (INSTALLED_APPS order), follow
# the same rule: whoever is given their view permission learns no more than their lists show.
for registered, model_admin in list(admin.site._registry.items()):
    if not isinstance(model_admin, StrictAdminMixin):
        admin.site.unregister(registered)
        admin.site.register(registered, type(type(model_admin).__name__, (StrictAdminMixin, type(model_admin)), {}))


class SingletonAdmin(StrictAdminMixin, TranslationAdmin):
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


class LeaderInline(TranslationStackedInline):
    model = Leader
    extra = 0


class UnitInline(TranslationStackedInline):
    model = Unit
    extra = 0


@admin.register(AboutPage)
class AboutPageAdmin(SingletonAdmin):
    inlines = (LeaderInline, UnitInline, ContactInline)
    readonly_fields = ("updated_at",)


class LinkInline(TranslationTabularInline):
    model = Link
    extra = 1


@admin.register(LinkGroup)
class LinkGroupAdmin(StrictAdminMixin, TranslationAdmin):
    """The links readers look for: public services (home page and footer), other portals (footer)."""

    list_display = ("name", "placement", "order")
    list_editable = ("order",)
    list_filter = ("placement",)
    inlines = (LinkInline,)


@admin.register(Banner)
class BannerAdmin(StrictAdminMixin, TranslationAdmin):
    list_display = ("title", "starts_on", "ends_on", "is_shown", "order")
    list_editable = ("is_shown", "order")
    list_filter = ("is_shown",)
    search_fields = ("title_vi", "title_en")


def _record_ids(values):
    """The values that can be a record's number: the widget looks them up to show their names,
    and a crafted or mistyped value ("0001-01-01") must come back as a form error, not a 500."""
    return [value for value in values if str(value).isascii() and str(value).isdigit() and len(str(value)) < 19]


class SafeAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _record_ids(value), attr)


class SafeAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _record_ids(value), attr)


SAFE_WIDGETS = {AutocompleteSelect: SafeAutocompleteSelect, AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple}


class SafeAutocompleteMixin:
    """Autocomplete fields whose widgets never look up a value that is not a record's number."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._safe(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._safe(super().formfield_for_manytomany(db_field, request, **kwargs))

    @staticmethod
    def _safe(field):
        if field is not None and type(field.widget) in SAFE_WIDGETS:
            field.widget.__class__ = SAFE_WIDGETS[type(field.widget)]
        return field
