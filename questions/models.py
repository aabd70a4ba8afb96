"""Citizens' questions to the agency and the office's answers (Hỏi đáp).

Nothing a citizen sends is public until the office has written an answer and an approver has
published it. A question stays in the language it was asked in: it is listed among that
language's questions only, and its page shows it (and the answer) in that language whatever the
interface's.
"""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.text import search_normalise, slug_from
from portal import pagecache

NAME_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 20000
PHONE_MAX_LENGTH = 20
MAX_TERMS = 8  # words of a search, as for articles


class Topic(models.Model):
    """A field of the agency's work ("Cấp phép", "Viễn thông"): how questions are grouped."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True,
                            help_text=_("Part of the field's address; made from the name when left empty."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            # From the Vietnamese name (modeltranslation's name_vi), the same in both languages.
            base = slug_from(getattr(self, "name_vi", None) or self.name or "", max_length=90)
            slug, number = base, 2
            while Topic.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, number = f"{base}-{number}", number + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:field", args=[self.slug])


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def in_language(self, language=None):
        return self.filter(language=(language or translation.get_language() or settings.LANGUAGE_CODE)[:2])

    def waiting(self):
        """Asked and not yet answered."""
        return self.filter(status=Question.Status.WAITING)

    def awaiting_approval(self):
        return self.filter(status=Question.Status.ANSWERED)

    def newest(self):
        return self.order_by("-published_at", "-pk")

    def search(self, query: str):
        """Questions whose title, question or answer hold every word of `query`, whatever the
        diacritics and case ("cap phep" finds "Cấp phép")."""
        terms = search_normalise(query).split()[:MAX_TERMS]
        if not terms:
            return self.none()
        matching = self
        for term in terms:
            matching = matching.filter(search_text__contains=f" {term} ")
        return matching



class Question(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for an answer")
        ANSWERED = "answered", _("Answer awaiting approval")
        PUBLISHED = "published", _("Answered and published")
        REJECTED = "rejected", _("Not published")

    topic = models.ForeignKey(Topic, verbose_name=_("field"), on_delete=models.PROTECT, related_name="questions")
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE, editable=False,
                                help_text=_("The language the question was asked in; it is published in it."))
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("question"), max_length=BODY_MAX_LENGTH)
    # Who asked: the name is published with the answer; the e-mail and the phone never are.
    name = models.CharField(_("full name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=PHONE_MAX_LENGTH, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    # A keyed hash of the sender's IP address (comments.ratelimit.visitor_hash), never the address.
    visitor = models.CharField(_("visitor"), max_length=64, blank=True, editable=False)

    answer = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
                                    blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
                                     blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # When the citizen was told the answer is out: once, whatever happens to it later.
    notified_at = models.DateTimeField(_("asker e-mailed at"), null=True, blank=True, editable=False)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("edited by"), null=True,
                                  blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)
    # Title, question and answer folded to lower-case ASCII words, padded with spaces: " cap phep ... ".
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = QuestionQuerySet.as_manager()

    # What the public pages read of a question: never the e-mail, the phone or the visitor hash.
    ON_THE_PAGE = ("pk", "topic", "language", "title", "body", "name", "status", "created_at", "answer",
                   "answered_at", "published_at", "edited_at")
    IN_LISTS = ("pk", "topic", "language", "title", "body", "name", "created_at", "published_at")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        permissions = [("approve_answer", _("Can approve and publish answers"))]
        indexes = [
            # The public lists: a language's published questions, newest first, by field or not.
            models.Index(fields=["status", "language", "-published_at"], name="question_public_idx"),
            models.Index(fields=["topic", "status", "language", "-published_at"], name="question_topic_idx"),
            # The office's queue and the admin index's count.
            models.Index(fields=["status", "created_at"], name="question_queue_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = self.folded_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "body", "answer"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def folded_text(self) -> str:
        words = search_normalise(" ".join([self.title or "", self.body or "", self.answer or ""]))
        return f" {words} " if words else ""

    def get_absolute_url(self):
        """The question's page in the language it was asked in."""
        with translation.override(self.language):
            return reverse("questions:detail", args=[self.pk])

    @property
    def excerpt(self) -> str:
        return Truncator(" ".join(self.body.split())).chars(200)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def waited(self):
        """How long the asker has waited: until publication, or until now."""
        return (self.published_at or timezone.now()) - self.created_at

    # -- the office's work ------------------------------------------------------------------
    def edit(self, *, title: str, body: str, by) -> None:
        """Replace what the citizen wrote (to take out what must not be published), marked as edited."""
        self.title, self.body = title.strip(), body.strip()
        self.edited_by, self.edited_at = by, timezone.now()
        self.save(update_fields=["title", "body", "edited_by", "edited_at"])
        if self.is_public:
            pagecache.bump()

    def set_answer(self, text: str, *, by) -> None:
        """Write (or rewrite) the office's answer. A waiting question then awaits approval; an
        unpublished one whose answer is emptied waits again."""
        self.answer = text.strip()
        if self.answer:
            self.answered_by, self.answered_at = by, timezone.now()
            if self.status == self.Status.WAITING:
                self.status = self.Status.ANSWERED
        else:
            self.answered_by = self.answered_at = None
            if self.status == self.Status.ANSWERED:
                self.status = self.Status.WAITING
        self.save(update_fields=["answer", "answered_by", "answered_at", "status"])
        if self.is_public:
            pagecache.bump()

    def publish(self, *, by) -> bool:
        """Approve the answer and publish the question; False when there is no answer to publish."""
        if not self.answer.strip():
            return False
        if self.is_public:
            return True
        self.status, self.published_by, self.published_at = self.Status.PUBLISHED, by, timezone.now()
        self.save(update_fields=["status", "published_by", "published_at"])
        pagecache.bump()
        return True

    def withdraw(self, status=None) -> None:
        """Take the question off the public pages: back to its answer's approval, or `status`."""
        was_public = self.is_public
        self.status = status or (self.Status.ANSWERED if self.answer.strip() else self.Status.WAITING)
        if self.status in (self.Status.WAITING, self.Status.ANSWERED):
            self.published_by = self.published_at = None
        self.save(update_fields=["status", "published_by", "published_at"])
        if was_public:
            pagecache.bump()

    def reject(self) -> None:
        self.withdraw(self.Status.REJECTED)

    def mark_notified(self) -> bool:
        """Record that the asker is being told of the answer; False when they already were
        (by a request racing this one too)."""
        with transaction.atomic():
            done = Question.objects.filter(pk=self.pk, notified_at__isnull=True).update(notified_at=timezone.now())
        if done:
            self.notified_at = timezone.now()
        return bool(done)
