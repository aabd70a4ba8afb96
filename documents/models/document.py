"""A document: its fields, what readers may see of it, its validity, and when pages change."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext, pgettext_lazy
from django_prose_editor.fields import ProseEditorField

from articles.models import Article
from portal.addresses import slug_address
from articles.text import sanitise_html, search_normalise, slug_from

from ..text import fold_number, number_slug_source, padded

from .attached import DocumentRelation
from .lists import Approval, DocumentType, Issuer, Sector, Validity

DEFAULT_LANGUAGE = "vi"


def public_q(now=None, prefix="") -> Q:
    """Approved and due: what a reader may see (the same rule as Article.objects.published())."""
    return Q(**{f"{prefix}approval": Approval.APPROVED, f"{prefix}publish_at__lte": now or timezone.now()})


def replacing_relations(today=None):
    """The relations by which a public document that has come into force replaces another."""
    today = today or timezone.localdate()
    return DocumentRelation.objects.filter(
        public_q(prefix="source__"), kind=DocumentRelation.Kind.REPLACES, source__is_draft=False,
    ).filter(Q(source__effective_date__lte=today) | Q(source__effective_date__isnull=True,
                                                        source__issue_date__lte=today))


def replaced_q(today=None, prefix="") -> Exists:
    """Whether a public document that replaces this one has come into force (one row's test)."""
    return Exists(replacing_relations(today).filter(target=OuterRef(f"{prefix}pk")))


def mark_replaced(documents, today=None):
    """Set `is_replaced` on each of `documents` (a page of a list) in one query over their ids:
    cheaper than a subquery per row, which PostgreSQL turns into a scan of every replacement."""
    documents = list(documents)
    ids = [document.pk for document in documents if not document.is_draft]
    replaced = set(replacing_relations(today).filter(target_id__in=ids).values_list("target_id", flat=True)) \
        if ids else set()
    for document in documents:
        document.is_replaced = document.pk in replaced
    return documents


class DocumentQuerySet(models.QuerySet):
    def published(self, now=None):
        """Approved and due: what a reader may see."""
        return self.filter(public_q(now))

    def documents(self):
        """Issued documents (not drafts for comment)."""
        return self.filter(is_draft=False)

    def drafts(self):
        return self.filter(is_draft=True)

    def open_for_comment(self, now=None):
        now = now or timezone.now()
        return self.drafts().filter(comment_opens__lte=now, comment_closes__gt=now)

    def closed_for_comment(self, now=None):
        return self.drafts().filter(comment_closes__lte=now or timezone.now())

    def with_validity(self, today=None):
        """Each row annotated with `is_replaced` (the other parts of validity are its own dates)."""
        return self.annotate(is_replaced=replaced_q(today))

    def by_validity(self, validity: str, today=None):
        """The documents whose validity today is `validity` (Validity's values)."""
        today = today or timezone.localdate()
        # The replaced ones by their ids (a hashed set of the few replacements), not row by row.
        replaced = Q(pk__in=replacing_relations(today).values("target_id"))
        expired = Q(expiry_date__lte=today)
        started = Q(effective_date__lte=today) | Q(effective_date__isnull=True, issue_date__lte=today)
        if validity == Validity.REPLACED:
            # The few replaced documents by their numbers, read first (120 ms at 50,000 otherwise).
            # Ordered by an expression no index holds, so that PostgreSQL reads those few and sorts
            # them rather than walking the newest documents (most in force) in search of them.
            replaced_ids = list(replacing_relations(today).values_list("target_id", flat=True))
            return self.filter(pk__in=replaced_ids).order_by(
                Coalesce("issue_date", "issue_date").desc(), "-pk")
        qs = self.filter(~replaced)
        if validity == Validity.EXPIRED:
            return qs.filter(expired)
        if validity == Validity.NOT_YET:
            return qs.exclude(expired).exclude(started)
        if validity == Validity.IN_FORCE:
            return qs.exclude(expired).filter(started)
        return self.none()

    def for_list(self):
        """What a row of a public list shows: no full text, no workflow, no search column."""
        return self.select_related("doc_type", "issuer").only(
            "number", "slug", "summary_vi", "summary_en", "issue_date", "effective_date", "expiry_date",
            "is_draft", "comment_opens", "comment_closes", "publish_at",
            "doc_type__name_vi", "doc_type__name_en", "issuer__name_vi", "issuer__name_en",
        )


FULL_TEXT_EXTENSIONS = {
    "Bold": True, "Italic": True, "Underline": True, "Subscript": True, "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True, "OrderedList": True, "ListItem": True, "Blockquote": True,
    "HorizontalRule": True, "HardBreak": True,
    "Link": {"protocols": ["http", "https", "mailto"]},
    "Table": True, "TableRow": True, "TableHeader": True, "TableCell": True, "History": True,
}


class Document(models.Model):
    number = models.CharField(_("number and symbol"), max_length=100, blank=True,
                              help_text=_("As printed on the document, e.g. 45/2026/QĐ-UBND. A draft may have none yet."))
    slug = models.SlugField(_("friendly name"), max_length=200, unique=True, blank=True,
                            help_text=_("The document's address; made from its number when left empty."))
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT,
                                 related_name="documents")
    issuer = models.ForeignKey(Issuer, verbose_name=_("issuing body"), on_delete=models.PROTECT,
                               related_name="documents")
    sector = models.ForeignKey(Sector, verbose_name=_("field"), on_delete=models.PROTECT,
                               related_name="documents", null=True, blank=True)
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    issue_date = models.DateField(_("issue date"))
    effective_date = models.DateField(_("effective date"), null=True, blank=True,
                                      help_text=_("Left empty: in force from its issue date."))
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True,
                                   help_text=_("The first day it is no longer in force."))
    summary = models.TextField(pgettext_lazy("document", "summary"), max_length=2000)
    content = ProseEditorField(_("full text"), blank=True, extensions=FULL_TEXT_EXTENSIONS,
                               sanitize=sanitise_html)
    related_articles = models.ManyToManyField(Article, verbose_name=_("related articles"), blank=True,
                                              related_name="documents")
    # Drafts for public comment (dự thảo lấy ý kiến).
    is_draft = models.BooleanField(_("draft for public comment"), default=False,
                                   help_text=_("A draft is listed with the drafts, and readers may send "
                                               "opinions between the opening and the closing time."))
    comment_opens = models.DateTimeField(_("opinions open at"), null=True, blank=True)
    comment_closes = models.DateTimeField(_("opinions close at"), null=True, blank=True)
    opinion_summary = models.TextField(_("summary of the opinions received"), blank=True,
                                       help_text=_("The office's report on the opinions (báo cáo tổng hợp), "
                                                   "published on the draft's page once comments have closed."))
    # Publication, as articles: public once approved and due.
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now,
                                      help_text=_("In the future: the document stays invisible until then."))
    approval = models.CharField(_("approval status"), max_length=10, choices=Approval.choices,
                                default=Approval.DRAFT, editable=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Folded copies for search, filled on save: the number's words alone, and every word of the
    # number, type, issuer, signer and summaries (lower-case ASCII, padded with spaces).
    # Indexed for a number's beginning too (on PostgreSQL Django adds a LIKE-prefix index).
    number_search = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("approve_document", _("Can approve, reject and withdraw documents"))]
        indexes = [
            # The public lists: newest first among the public ones, by each filter.
            models.Index(fields=["is_draft", "-issue_date", "-id"], name="document_newest_idx"),
            # The admin's list, drafts and documents together.
            models.Index(fields=["-issue_date", "-id"], name="document_admin_idx"),
            models.Index(fields=["doc_type", "-issue_date"], name="document_type_idx"),
            models.Index(fields=["issuer", "-issue_date"], name="document_issuer_idx"),
            models.Index(fields=["sector", "-issue_date"], name="document_sector_idx"),
            models.Index(fields=["approval", "publish_at"], name="document_public_idx"),
            models.Index(fields=["is_draft", "comment_closes"], name="document_drafts_idx"),
            # The expired ones, newest first: only the documents that have an expiry date.
            models.Index(fields=["is_draft", "-issue_date", "-id"], condition=Q(expiry_date__isnull=False),
                         name="document_expiring_idx"),
        ]

    def __str__(self):
        if self.number:
            return f"{self.number} – {self.summary[:80]}"
        return self.summary[:100]

    # -- saving ------------------------------------------------------------------------------
    def save(self, *args, **kwargs):
        for language in ("vi", "en"):
            field = f"content_{language}"
            setattr(self, field, sanitise_html(getattr(self, field) or ""))
        self.number = (self.number or "").strip()
        self.fill_search()
        if not self.slug:
            self.slug = self._unique_slug()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"number_search", "search_text"}
        super().save(*args, **kwargs)

    def fill_search(self):
        number = fold_number(self.number)
        self.number_search = padded(number)
        parts = [number, self._name(self.doc_type_id and self.doc_type),
                 self._name(self.issuer_id and self.issuer), self.signer,
                 self.summary_vi or self.summary or "", self.summary_en or ""]
        self.search_text = padded(search_normalise(" ".join(p for p in parts if p)))

    @staticmethod
    def _name(item):
        return " ".join(filter(None, [getattr(item, "name_vi", ""), getattr(item, "name_en", "")])) if item else ""

    def _unique_slug(self):
        base = slug_from(number_slug_source(self.number) or self.summary_vi or self.summary or "van-ban", 150)
        if base == "bai-viet":
            base = "van-ban"
        slug, n = base, 2
        while Document.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self):
        errors = {}
        if self.effective_date and self.issue_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("A document cannot come into force before it is issued.")
        start = self.effective_date or self.issue_date
        if self.expiry_date and start and self.expiry_date <= start:
            errors["expiry_date"] = _("The expiry date must come after the date it comes into force.")
        if self.is_draft:
            if not self.comment_opens or not self.comment_closes:
                errors["comment_closes"] = _("A draft for comment needs an opening and a closing time.")
            elif self.comment_closes <= self.comment_opens:
                errors["comment_closes"] = _("The closing time must come after the opening time.")
        if errors:
            raise ValidationError(errors)

    # -- reading -----------------------------------------------------------------------------
    def get_absolute_url(self):
        return slug_address("documents:detail", self.slug)

    @property
    def title(self) -> str:
        """How the document is named in a heading: its type and number, or its type alone."""
        name = self.doc_type.name if self.doc_type_id else ""
        if self.is_draft:
            draft = pgettext("document", "Draft")
            return f"{draft} {name.lower()}" if name else draft
        return f"{name} {self.number}".strip()

    @property
    def is_public(self) -> bool:
        return self.approval == Approval.APPROVED and self.publish_at <= timezone.now()

    @property
    def starts_on(self) -> datetime.date | None:
        return self.effective_date or self.issue_date

    def validity(self, today=None, *, replaced=None) -> str:
        """Not yet in force, in force, expired or replaced, from the dates and the relations
        (`replaced`: already known, e.g. annotated by with_validity(); else looked up)."""
        today = today or timezone.localdate()
        if replaced is None:
            replaced = getattr(self, "is_replaced", None)
        if replaced is None:
            replaced = Document.objects.filter(pk=self.pk).filter(replaced_q(today)).exists()
        if replaced:
            return Validity.REPLACED
        if self.expiry_date and self.expiry_date <= today:
            return Validity.EXPIRED
        if self.starts_on and self.starts_on > today:
            return Validity.NOT_YET
        return Validity.IN_FORCE

    @property
    def current_validity(self) -> Validity:
        """Today's validity, worked out once per instance (a page shows it more than once)."""
        if "_validity" not in self.__dict__:
            self.__dict__["_validity"] = Validity(self.validity())
        return self.__dict__["_validity"]

    def comment_state(self, now=None) -> str:
        """For a draft: "upcoming", "open" or "closed" (by the clock, never by hand)."""
        now = now or timezone.now()
        if not self.is_draft or not self.comment_opens or not self.comment_closes:
            return ""
        if now < self.comment_opens:
            return "upcoming"
        if now < self.comment_closes:
            return "open"
        return "closed"

    @property
    def is_open_for_comment(self) -> bool:
        return self.is_public and self.comment_state() == "open"

    def has_translation(self, language):
        return bool(getattr(self, f"summary_{language}", ""))

    @property
    def languages(self) -> list:
        """Vietnamese, and the languages its summary is translated into (hreflang, the sitemap)."""
        return [code for code, _name in settings.LANGUAGES
                if code == settings.LANGUAGE_CODE or self.has_translation(code)]

    def is_editable_by(self, user) -> bool:
        """Approvers edit anything; an editor edits their own document until it is approved."""
        if user.has_perm("documents.approve_document"):
            return True
        return (user.has_perm("documents.change_document") and self.created_by_id == user.pk
                and self.approval != Approval.APPROVED)


def next_change(now=None):
    """When readers' pages of documents next change by themselves: a document going public,
    a draft's opinions opening or closing, or a day on which a document comes into force or
    expires (validity follows the dates). For portal.pagecache.register_due_source."""
    now = now or timezone.now()
    approved = Document.objects.filter(approval=Approval.APPROVED)
    times = [
        approved.filter(publish_at__gt=now).order_by("publish_at").values_list("publish_at", flat=True).first(),
        approved.filter(comment_opens__gt=now).order_by("comment_opens").values_list("comment_opens", flat=True).first(),
        approved.filter(comment_closes__gt=now).order_by("comment_closes").values_list("comment_closes", flat=True).first(),
    ]
    today = timezone.localdate(now)
    days = [
        approved.filter(effective_date__gt=today).order_by("effective_date").values_list("effective_date", flat=True).first(),
        approved.filter(expiry_date__gt=today).order_by("expiry_date").values_list("expiry_date", flat=True).first(),
    ]
    for day in days:
        if day is not None:
            times.append(timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)))
    times = [when for when in times if when is not None]
    return min(times) if times else None
