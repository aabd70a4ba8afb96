"""The approval workflow in the admin: the levels' settings, an article's history and internal
notes, the buttons of its change form, and each person's own queue."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modeltranslation.admin import TranslationAdmin

from portal.admin import StrictAdminMixin

from . import services
from .models import Article
from .workflow import ApprovalLevel, EditorialNote, Transition, current_level, levels_of


@admin.register(ApprovalLevel)
class ApprovalLevelAdmin(StrictAdminMixin, TranslationAdmin):
    list_display = ("position", "name", "group", "category_display", "own_articles")
    list_display_links = ("name",)
    list_filter = ("category",)
    list_select_related = ("category", "group")

    @admin.display(description=_("category"), ordering="category__name")
    def category_display(self, obj):
        return obj.category or _("Every category without levels of its own")


class TransitionInline(admin.TabularInline):
    model = Transition
    fields = ("at", "by", "action", "states", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("workflow history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("from → to"))
    def states(self, obj):
        return str(obj)


class EditorialNoteInline(admin.TabularInline):
    """Notes between the editor and the checkers, in order; added, never edited or deleted."""

    model = EditorialNote
    fields = ("at", "by", "text")
    readonly_fields = ("at", "by")
    extra = 1
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


def note_authors(formset, user):
    """Stamp new notes with their author (ArticleAdmin.save_formset)."""
    for note in formset.save(commit=False):
        note.by = user
        note.save()


# The change form's buttons: (POST name, service, message, whether it takes the note).
STEPS = {
    "_submit": (services.article_submit, _("Submitted for approval."), False),
    "_forward": (services.article_forward, _("Forwarded to the next level."), False),
    "_approve": (services.article_approve, _("Approved."), False),
    "_return": (services.article_return, _("Returned to the editor with your note."), True),
    "_reject": (services.article_reject, _("Rejected; the editor sees your reason."), True),
    "_unpublish": (services.article_unpublish, _("The approval was withdrawn."), False),
}
NOTE_ARGUMENT = {"_return": "note", "_reject": "reason"}


def workflow_response(model_admin, request, obj, changelist_url):
    """Take the step the button pressed asks for; None when no workflow button was pressed."""
    name = next((name for name in STEPS if name in request.POST), None)
    if name is None:
        return None
    service, done, takes_note = STEPS[name]
    kwargs = {NOTE_ARGUMENT[name]: request.POST.get("_workflow_note", "")} if takes_note else {}
    try:
        result = service(article=obj, by=request.user, **kwargs)
        model_admin.message_user(request, done, messages.WARNING if takes_note else messages.SUCCESS)
    except ValidationError as error:  # a refusal (PermissionDenied) is a 403: no button offers it
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(request.path)
    if result.pk != obj.pk:  # an approved new version is now the published article
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[result.pk]))
    return HttpResponseRedirect(request.path if "_continue" in request.POST or takes_note else changelist_url)


def workflow_context(request, article) -> dict:
    """The change form's workflow box: which buttons this user has for this article (the services
    decide again on the POST)."""
    user, approver = request.user, request.user.has_perm("articles.approve_article")
    levels = levels_of(article) if article else []
    level = current_level(article) if article else None
    acts = bool(level and level.admits(user, article))
    single = len(levels) == 1
    state = article.approval if article else Article.Approval.DRAFT
    buttons = {
        "submit": state in services.SUBMITTABLE,
        "forward": acts and level.position < len(levels),
        "approve": (acts and level.position == len(levels)) or (approver and (not article or single)
                                                                 and state != Article.Approval.APPROVED),
        "unpublish": approver and state == Article.Approval.APPROVED,
    }
    notes = {"return": acts, "reject": acts or (approver and single and bool(article)
                                                 and state != Article.Approval.REJECTED)}
    return {"is_approver": approver, "levels": levels, "current_level": level, "single_level": single,
            "buttons": {name for name, shown in buttons.items() if shown},
            "note_buttons": {name for name, shown in notes.items() if shown},
            "waiting": state == Article.Approval.PENDING and not acts}


def waiting_for(user) -> list[tuple[int | None, str, Q]]:
    """Where articles wait for this user: (level, its name, which articles) for each level whose
    group they are in, site-wide and per category; level None for the one default level."""
    rows = list(ApprovalLevel.objects.values_list("category_id", "position", "group_id", "name"))
    own_chains = {row[0] for row in rows if row[0]}
    pending = Q(approval=Article.Approval.PENDING)
    found = []
    if None not in {row[0] for row in rows} and user.has_perm("articles.approve_article"):
        # The one default level, for every category without levels of its own.
        found.append((None, _("Approval"), pending & ~Q(category_id__in=own_chains)))
    group_ids = set(user.groups.values_list("pk", flat=True))
    chains: dict = {}
    for category, position, group, name in rows:
        chains.setdefault(category, []).append((position, group, name))
    for category, chain in chains.items():
        where = Q(category_id=category) if category else ~Q(category_id__in=own_chains)
        for n, (_position, group, name) in enumerate(sorted(chain), start=1):
            if group in group_ids or user.is_superuser:
                found.append((n, name, pending & Q(approval_level=n) & where))
    return found


def queue_of(user) -> Q:
    """The articles waiting for this user, at any of their levels."""
    waiting = Q(pk__in=[])
    for _n, _name, where in waiting_for(user):
        waiting |= where
    return waiting
