"""The citizen's question form, protected as the comment form is: it takes the comment form's own
name, e-mail, honeypot and captcha fields (comments.forms), not copies of them."""

import copy
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.forms import CommentForm, ReadableCharField
from comments.models import fold_text

from .models import BODY_MAX_LENGTH, PHONE_MAX_LENGTH, TITLE_MAX_LENGTH, Question, Topic

TITLE_MIN_LENGTH = 10
BODY_MIN_LENGTH = 20
PHONE_PATTERN = re.compile(r"^\+?[0-9 .()-]{8,20}$")


def _comment_field(name, **changes):
    """One of the comment form's fields, as it is or with other texts."""
    field = copy.deepcopy(CommentForm.base_fields[name])
    for attribute, value in changes.items():
        setattr(field, attribute, value)
    return field


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name  # in the page's language (modeltranslation)


class QuestionForm(forms.Form):
    name = _comment_field("name", help_text=_("Published with your question once it is answered."))
    email = _comment_field(
        "email", help_text=_("We write to you there once your question is answered. "
                             "Only the office sees it; it is never published."))
    phone = forms.CharField(
        label=_("Phone (optional)"), required=False, max_length=PHONE_MAX_LENGTH,
        help_text=_("Only if the office may call you about your question; it is never published."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": _("The phone number may have at most %(limit_value)d characters.")},
    )
    topic = TopicChoiceField(
        label=_("Field"), queryset=Topic.objects.all(), empty_label=_("Choose the field of your question"),
        error_messages={"required": _("Please choose the field of your question."),
                        "invalid_choice": _("Please choose one of the fields listed.")},
    )
    title = ReadableCharField(
        label=_("Title"), min_length=TITLE_MIN_LENGTH, max_length=TITLE_MAX_LENGTH,
        help_text=_("Your question in a few words."),
        error_messages={
            "required": _("Please give your question a title."),
            "min_length": _("The title must have at least %(limit_value)d characters (it has %(show_value)d)."),
            "max_length": _("The title may have at most %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
    body = ReadableCharField(
        label=_("Your question"), min_length=BODY_MIN_LENGTH, max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please write your question."),
            "min_length": _("Your question must have at least %(limit_value)d characters "
                            "(it has %(show_value)d)."),
            "max_length": _("Your question may have at most %(limit_value)d characters "
                            "(it has %(show_value)d)."),
        },
    )
    # The comment form's honeypot and captcha, and its check of the honeypot.
    website = _comment_field("website")
    captcha = _comment_field("captcha")
    clean_website = CommentForm.clean_website
    only_captcha_failed = CommentForm.only_captcha_failed

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and (not PHONE_PATTERN.match(phone) or not 8 <= sum(c.isdigit() for c in phone) <= 15):
            raise ValidationError(_("Please enter a phone number of 8 to 15 digits, for example 0236 3822 000."),
                                  code="invalid")
        return phone

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        if body and is_duplicate(body):
            self.add_error("body", duplicate_error())
        return cleaned


def is_duplicate(body: str) -> bool:
    """Whether the same question (case, spacing and Unicode composition aside) was asked within
    the comments' duplicate window."""
    window = getattr(settings, "COMMENTS_DUPLICATE_WINDOW", 3600)
    since = timezone.now() - timezone.timedelta(seconds=window)
    folded = fold_text(body)
    recent = Question.objects.filter(created_at__gte=since).values_list("body", flat=True)
    return any(fold_text(other) == folded for other in recent.iterator())


def duplicate_error() -> ValidationError:
    return ValidationError(_("This question has already been sent."), code="duplicate")
