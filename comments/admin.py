from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _, ngettext

from portal.admin import StrictAdminMixin

from .models import Comment


class CommentAdminForm(forms.ModelForm):
    # Not the model's field: a change of status must go through Comment.moderate(), which
    # records who moderated and keeps the article's comment count right.
    # Capitalised as Django does the labels it makes from the model's verbose names.
    moderation = forms.ChoiceField(label=capfirst(_("status")), choices=Comment.Status.choices)

    class Meta:
        model = Comment
        fields = ("name", "body", "reply")
        help_texts = {
            "body": _("As the reader wrote it. Take out what must not be published (a phone number, an "
                      "address, an insult) rather than rejecting the whole comment: readers are told it "
                      "was edited."),
            # The fieldset's description already says where and when the reply is shown.
            "reply": _("Empty it to withdraw a reply already shown."),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderation"].initial = self.instance.status


@admin.register(Comment)
class CommentAdmin(StrictAdminMixin, admin.ModelAdmin):
    form = CommentAdminForm
    list_display = ("excerpt", "name", "email", "article", "status_badge", "created_at", "answered")
    list_display_links = ("excerpt",)
    list_filter = ("status", ("article", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "email", "body")
    list_select_related = ("article",)
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = ("approve_selected", "reject_selected", "mark_spam_selected")
    fieldsets = (
        (None, {"fields": ("article_link", "name", "email", "created_at", "body", "edited_by", "edited_at")}),
        (_("Moderation"), {"fields": ("moderation", "moderated_by", "moderated_at")}),
        (_("Reply"), {"fields": ("reply", "replied_by", "replied_at"),
                      "description": _("Shown under the comment, signed by the office, once the comment "
                                       "is approved.")}),
    )
    readonly_fields = ("article_link", "email", "created_at", "edited_by", "edited_at", "moderated_by",
                       "moderated_at", "replied_by", "replied_at")

    # -- the list ---------------------------------------------------------------------------
    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return obj.excerpt

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        # Coloured by portal/css/admin.css (status-pending, status-approved, status-rejected).
        return format_html('<strong class="status status-{}">{}</strong>', obj.status, obj.get_status_display())

    @admin.display(description=_("answered"), boolean=True)
    def answered(self, obj):
        return bool(obj.reply)

    # -- the form ---------------------------------------------------------------------------
    @admin.display(description=_("article"))
    def article_link(self, obj):
        return format_html('<a href="{}">{}</a> (<a href="{}" target="_blank" rel="noopener">{}</a>)',
                           reverse("admin:articles_article_change", args=[obj.article_id]), obj.article,
                           obj.article.get_absolute_url(), _("public page"))

    def has_add_permission(self, request):
        # Comments come from readers only.
        return False

    def save_model(self, request, obj, form, change):
        if {"name", "body"} & set(form.changed_data):
            obj.edit(name=form.cleaned_data["name"], body=form.cleaned_data["body"], by=request.user)
        if "moderation" in form.changed_data:
            obj.moderate(form.cleaned_data["moderation"], by=request.user)
        if "reply" in form.changed_data:
            obj.set_reply(form.cleaned_data["reply"], by=request.user)

    # -- bulk actions (Django's own "delete selected" stays; deleting recounts through a signal) --
    def _moderate_selected(self, request, queryset, status) -> int:
        done = 0
        with transaction.atomic():
            for comment in queryset.exclude(status=status):
                comment.moderate(status, by=request.user)
                done += 1
        return done

    @admin.action(description=_("Approve the selected comments"), permissions=("change",))
    def approve_selected(self, request, queryset):
        done = self._moderate_selected(request, queryset, Comment.Status.APPROVED)
        self.message_user(request, ngettext("%(count)d comment approved.", "%(count)d comments approved.",
                                            done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Reject the selected comments"), permissions=("change",))
    def reject_selected(self, request, queryset):
        done = self._moderate_selected(request, queryset, Comment.Status.REJECTED)
        self.message_user(request, ngettext("%(count)d comment rejected.", "%(count)d comments rejected.",
                                            done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Mark the selected comments as spam"), permissions=("change",))
    def mark_spam_selected(self, request, queryset):
        done = self._moderate_selected(request, queryset, Comment.Status.SPAM)
        self.message_user(request, ngettext("%(count)d comment marked as spam.",
                                            "%(count)d comments marked as spam.", done) % {"count": done},
                          messages.SUCCESS)
