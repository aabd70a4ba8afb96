from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIODS = (7, 30, 90, 365)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
MAX_EXPORT_DAYS = 3660


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(coerce=int, choices=[(n, n) for n in PERIODS], required=False)

    def period(self) -> int:
        return (self.is_valid() and self.cleaned_data["days"]) or 30


class ExportForm(forms.Form):
    start = forms.DateField(label=_("From"), input_formats=DATE_FORMATS,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), input_formats=DATE_FORMATS,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    @classmethod
    def initial_for(cls, today):
        return {"start": today - timedelta(days=29), "end": today}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise ValidationError(_("The start date must not be after the end date."))
            if (end - start).days >= MAX_EXPORT_DAYS:
                raise ValidationError(_("Export at most ten years at a time."))
            if start > timezone.localdate():
                raise ValidationError(_("There are no figures for days to come."))
        return cleaned
