import unicodedata

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from . import audio
from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment

NAME_MIN_LENGTH = 2
BODY_MIN_LENGTH = 10
# Line breaks and tabs are text; every other control character is not.
ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def validate_readable_text(value: str) -> None:
    """Refuse text that was not valid UTF-8 or carries control characters.

    Django decodes undecodable bytes to U+FFFD rather than failing, so the replacement
    character is how invalid UTF-8 reaches us.
    """
    if "\ufffd" in value or any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in value):
        raise ValidationError(
            _("This text contains characters that cannot be read. Please type it again."), code="unreadable")


class ReadableCharField(forms.CharField):
    """A CharField that refuses unreadable text with one message in the reader's language."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # validate_readable_text refuses NUL too: one clear message rather than two.
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        self.validators.append(validate_readable_text)


class CaptchaInput(CaptchaTextInput):
    """The image, its labelled answer box, a "new image" button and, where espeak-ng is installed,
    a button that speaks the code in the page's language (comments/widgets/captcha.html,
    comments.audio)."""

    template_name = "comments/widgets/captcha.html"

    def audio_url(self):
        # Not django-simple-captcha's (flite, no Vietnamese voice): comments.audio's; None hides the button.
        return audio.audio_url(self._key)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget in context["widget"]["subwidgets"]:
            # Valid HTML: no `required` on the hidden key, no `autocorrect` (Safari's own attribute).
            subwidget["attrs"].pop("autocorrect", None)
            if subwidget.get("type") == "hidden":
                subwidget["attrs"].pop("required", None)
        if context["audio"]:
            # The address of another key's sound, for captcha-audio.js once a new image has come.
            context["audio_template"] = context["audio"].replace(self._key, "KEY")
        return context


class CommentForm(forms.Form):
    name = ReadableCharField(
        label=_("Full name"), min_length=NAME_MIN_LENGTH, max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Please enter your full name."),
            "min_length": _("Your full name must have at least %(limit_value)d characters."),
            "max_length": _("Your full name may have at most %(limit_value)d characters "
                            "(it has %(show_value)d)."),
        },
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254,
        help_text=_("Only the office sees it, to answer you if needed; it is never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, for example ten@example.com."),
            "max_length": _("The e-mail address may have at most %(limit_value)d characters."),
        },
    )
    body = ReadableCharField(
        label=_("Your comment"), min_length=BODY_MIN_LENGTH, max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Please write your comment."),
            "min_length": _("Your comment must have at least %(limit_value)d characters "
                            "(it has %(show_value)d)."),
            "max_length": _("Your comment may have at most %(limit_value)d characters "
                            "(it has %(show_value)d)."),
        },
    )
    # The honeypot: hidden from people, irresistible to form-filling robots.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    captcha = CaptchaField(
        label=_("Verification code"),
        # A MultiWidget gets no aria-describedby from Django: point the answer box at the hint.
        widget=CaptchaInput(attrs={"aria-describedby": "id_captcha_helptext"}),
        help_text=_("Type the characters shown in the image."),
        error_messages={
            "required": _("Please type the verification code shown in the image."),
            "invalid": _("The verification code was wrong or has expired. "
                         "Please type the code shown in the new image."),
        },
    )

    def __init__(self, *args, article=None, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("This field must be left empty."), code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        if body and self.article and Comment.objects.has_duplicate(article=self.article, body=body):
            self.add_error("body", Comment.duplicate_error())
        return cleaned

    @property
    def only_captcha_failed(self) -> bool:
        """True when the reader typed everything right but the code: we ask only for that."""
        return bool(self.errors) and set(self.errors) == {"captcha"}
