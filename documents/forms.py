from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from comments.forms import BODY_MIN_LENGTH, CommentForm, ReadableCharField
from comments.models import BODY_MAX_LENGTH

from .models import Opinion


class OpinionForm(CommentForm):
    """The comment form (name, e-mail never published, captcha, honeypot, readable text), its
    text asking for an opinion on the draft instead."""

    body = ReadableCharField(
        label=_("Your opinion"), min_length=BODY_MIN_LENGTH, max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please write your opinion."),
            "min_length": _("Your opinion must have at least %(limit_value)d characters "
                            "(it has %(show_value)d)."),
            "max_length": _("Your opinion may have at most %(limit_value)d characters "
                            "(it has %(show_value)d)."),
        },
    )

    field_order = ["name", "email", "body", "website", "captcha"]

    def __init__(self, *args, document=None, **kwargs):
        self.document = document
        super().__init__(*args, article=None, **kwargs)

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        if body and self.document and Opinion.objects.has_duplicate(document=self.document, body=body):
            self.add_error("body", duplicate_error())
        return cleaned


def duplicate_error() -> ValidationError:
    return ValidationError(_("This opinion has already been sent on this draft."), code="duplicate")
