from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import gettext, gettext_lazy as _, ngettext
from modeltranslation.admin import TranslationAdmin

from portal import pagecache
from portal.admin import StrictAdminMixin
from portal.context_processors import site_url

from .models import Question, Topic
from .services import question_publish

Status = Question.Status
APPROVE = "questions.approve_answer"


def answer_days() -> int:
    """How many days a question may wait before the list shows it as overdue."""
    return int(getattr(settings, "QUESTIONS_ANSWER_DAYS", 7))


class QuestionAdminForm(forms.ModelForm):
    # Not the model's field: a change of status goes through Question's methods, which record who
    # approved and when, and tell the asker once the answer is published.
    decision = forms.ChoiceField(label=capfirst(_("status")), choices=Status.choices)
    can_publish = False  # set per request by QuestionAdmin.get_form

    class Meta:
        model = Question
        fields = ("topic", "title", "body", "answer")
        help_texts = {
            "body": _("As the citizen wrote it. Take out what must not be published (a phone number, an "
                      "address) rather than leaving the question unanswered: readers are told it was edited."),
            "answer": _("Written in the language the question was asked in. Readers see it only once an "
                        "approver has published it."),
        }
        widgets = {"title": forms.TextInput(attrs={"class": "vLargeTextField"}),
                   "body": forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"}),
                   "answer": forms.Textarea(attrs={"rows": 14, "class": "vLargeTextField"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "decision" in self.fields:
            self.fields["decision"].initial = self.instance.status
            if not self.can_publish and self.instance.status != Status.PUBLISHED:
                self.fields["decision"].choices = [c for c in Status.choices if c[0] != Status.PUBLISHED]
        if "answer" in self.fields:
            self.fields["answer"].required = False

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        answer = cleaned.get("answer", self.instance.answer) or ""
        if decision == Status.PUBLISHED and self.instance.status != Status.PUBLISHED:
            if not self.can_publish:
                self.add_error("decision", gettext("Only an approver may publish an answer."))
            elif not answer.strip():
                self.add_error("decision", gettext("Write the answer before publishing it."))
        if decision == Status.PUBLISHED and "answer" in self.fields and not answer.strip():
            self.add_error("answer", gettext("A published question needs its answer."))
        if decision == Status.ANSWERED and not answer.strip():
            self.add_error("decision", gettext("Write the answer before sending it for approval."))
        return cleaned


@admin.register(Question)
class QuestionAdmin(StrictAdminMixin, admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ("title", "topic", "language", "status_badge", "created_at", "waited_for", "name")
    list_display_links = ("title",)
    list_filter = ("status", "topic", "language")
    search_fields = ("title", "body", "name", "email")
    list_select_related = ("topic",)
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = ("publish_selected", "reject_selected")
    readonly_fields = ("public_link", "language", "created_at", "waited_for", "name", "email", "phone",
                       "edited_by", "edited_at", "answered_by", "answered_at", "published_by", "published_at",
                       "notified_at")

    class Media:
        css = {"all": ("questions/admin.css",)}

    def get_fieldsets(self, request, obj=None):
        return (
            (None, {"fields": ("public_link", "topic", "language", "created_at", "waited_for")}),
            (_("Asked by"), {"fields": ("name", "email", "phone"),
                             "description": _("The name is published with the answer; the e-mail and the "
                                              "phone never are.")}),
            (_("Question"), {"fields": ("title", "body", "edited_by", "edited_at")}),
            (_("Answer"), {"fields": ("answer", "answered_by", "answered_at")}),
            (_("Publication"), {"fields": ("decision", "published_by", "published_at", "notified_at"),
                                "description": _("An approver publishes the answer; the asker is then "
                                                 "e-mailed its link, once.")}),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_public and not request.user.has_perm(APPROVE):
            # What readers see changes only through an approver.
            fields += ["topic", "title", "body", "answer", "decision"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = request.user.has_perm(APPROVE)
        return form

    def get_ordering(self, request):
        # The queue: the longest-waiting first, unless the list is sorted by hand.
        if request.GET.get("status__exact") in (Status.WAITING, Status.ANSWERED) and "o" not in request.GET:
            return ("created_at", "pk")
        return super().get_ordering(request)

    def has_add_permission(self, request):
        # Questions come from citizens only.
        return False

    # -- the list ---------------------------------------------------------------------------
    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return format_html('<strong class="question-status question-status-{}">{}</strong>', obj.status,
                           obj.get_status_display())

    @admin.display(description=_("waited"), ordering="created_at")
    def waited_for(self, obj):
        if obj.pk is None:
            return "-"
        if obj.status == Status.PUBLISHED and obj.published_at:
            return gettext("answered after %(time)s") % {"time": timesince(obj.created_at, obj.published_at)}
        if obj.status == Status.REJECTED:
            return "-"
        overdue = timezone.now() - obj.created_at > timezone.timedelta(days=answer_days())
        return format_html('<span class="{}">{}</span>', "question-overdue" if overdue else "question-waiting",
                           timesince(obj.created_at))

    @admin.display(description=_("public page"))
    def public_link(self, obj):
        if obj.pk is None:
            return "-"
        label = gettext("public page") if obj.is_public else gettext("preview (not public yet)")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    # -- the form ---------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        data = form.cleaned_data
        with transaction.atomic():
            if {"title", "body"} & changed:
                obj.edit(title=data["title"], body=data["body"], by=request.user)
            if "topic" in changed:
                obj.save(update_fields=["topic"])
                if obj.is_public:
                    pagecache.bump()
            if "answer" in changed:
                obj.set_answer(data["answer"] or "", by=request.user)
            if "decision" in changed:
                self._decide(request, obj, data["decision"])

    def _decide(self, request, obj, decision):
        if decision == Status.PUBLISHED:
            question_publish(obj, by=request.user, base_url=site_url(request))
            if obj.notified_at is None:
                self.message_user(request, gettext("The answer is published; the asker is being e-mailed its "
                                                   "link."), messages.SUCCESS)
        elif decision == Status.REJECTED:
            obj.reject()
        elif decision != obj.status or obj.is_public:
            obj.withdraw(decision)

    # -- bulk actions -------------------------------------------------------------------------
    @admin.action(description=_("Publish the answers of the selected questions"), permissions=("approve",))
    def publish_selected(self, request, queryset):
        done = skipped = 0
        for question in queryset.exclude(status=Status.PUBLISHED):
            if question_publish(question, by=request.user, base_url=site_url(request)):
                done += 1
            else:
                skipped += 1
        self.message_user(request, ngettext("%(count)d answer published.", "%(count)d answers published.",
                                            done) % {"count": done}, messages.SUCCESS)
        if skipped:
            self.message_user(request, ngettext(
                "%(count)d question has no answer yet and was not published.",
                "%(count)d questions have no answer yet and were not published.", skipped) % {"count": skipped},
                messages.WARNING)

    @admin.action(description=_("Do not publish the selected questions"), permissions=("change",))
    def reject_selected(self, request, queryset):
        done = 0
        with transaction.atomic():
            for question in queryset.exclude(status=Status.REJECTED):
                if question.is_public and not request.user.has_perm(APPROVE):
                    continue
                question.reject()
                done += 1
        self.message_user(request, ngettext("%(count)d question will not be published.",
                                            "%(count)d questions will not be published.", done) % {"count": done},
                          messages.SUCCESS)

    def has_approve_permission(self, request):
        return request.user.has_perm(APPROVE)


@admin.register(Topic)
class TopicAdmin(StrictAdminMixin, TranslationAdmin):
    list_display = ("name", "slug", "order", "waiting", "published")
    list_editable = ("order",)
    search_fields = ("name_vi", "name_en")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_waiting=Count("questions", filter=Q(questions__status=Status.WAITING)),
            n_published=Count("questions", filter=Q(questions__status=Status.PUBLISHED)))

    @admin.display(description=_("waiting"), ordering="n_waiting")
    def waiting(self, obj):
        return obj.n_waiting

    @admin.display(description=_("published"), ordering="n_published")
    def published(self, obj):
        return obj.n_published
