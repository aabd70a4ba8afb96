"""The document admin's parts: the approver test, the year and validity filters, the change form and the import form."""

import datetime

from django import forms
from django.contrib import admin
from django.core.cache import cache
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from portal import pagecache
from portal.dates import year_in_range

from . import services
from .models import Document, Validity



def is_approver(request) -> bool:
    return services.is_approver(request.user)


class YearFilter(admin.SimpleListFilter):
    title = _("year of issue")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # Kept under the page-cache version (every document saved bumps it): no scan per list.
        key = f"documents:admin-years:{pagecache.version(request)}"
        years = cache.get(key)
        if years is None:
            bounds = Document.objects.aggregate(first=Min("issue_date"), last=Max("issue_date"))
            years = (list(range(bounds["last"].year, bounds["first"].year - 1, -1))
                     if bounds["first"] else [])
            cache.set(key, years, 3600)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if not (value.isascii() and value.isdigit() and len(value) <= 4 and year_in_range(int(value))):
            return queryset
        year = int(value)
        return queryset.filter(issue_date__gte=datetime.date(year, 1, 1), issue_date__lt=datetime.date(year + 1, 1, 1))


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return Validity.choices

    def queryset(self, request, queryset):
        if self.value() in Validity.values:
            return queryset.documents().by_validity(self.value())
        return queryset


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"

    def clean_slug(self):
        return self.cleaned_data.get("slug") or ""


# The columns as the first row names them (Vietnamese or English), and whether each is required.
IMPORT_COLUMNS = [
    ("Số/Ký hiệu", "number", True), ("Loại văn bản", "type", True), ("Cơ quan ban hành", "issuer", True),
    ("Lĩnh vực", "field", False), ("Người ký", "signer", False), ("Ngày ban hành", "issue date", True),
    ("Ngày hiệu lực", "effective date", False), ("Ngày hết hiệu lực", "expiry date", False),
    ("Trích yếu", "summary", True), ("Trích yếu tiếng Anh", "summary en", False),
]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(label=_("Dry run: check every row, import nothing"), required=False,
                                 initial=True)
    approve = forms.BooleanField(label=_("Approve the imported documents at once"), required=False)

    def __init__(self, *args, approver=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not approver:
            del self.fields["approve"]
