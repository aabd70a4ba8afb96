from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from comments import ratelimit
from portal.context_processors import site_url
from portal.forms import posted_data

from .forms import QuestionForm
from .models import Question, Topic
from .services import question_create

PAGE_SIZE = 10
RELATED = 5


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


# -- the rate limit: comments.ratelimit's counter, under the questions' own key and limit --------
def rate_limit() -> int:
    return int(getattr(settings, "QUESTIONS_RATE_LIMIT", 3))


def rate_window() -> int:
    return int(getattr(settings, "QUESTIONS_RATE_WINDOW", ratelimit.window_seconds()))


def _rate_key(visitor: str) -> str:
    return f"questions:rate:{visitor}"


def rate_limited(visitor: str) -> bool:
    return (cache.get(_rate_key(visitor)) or 0) >= rate_limit()


def _too_many(request):
    window = rate_window()
    # No way back named here: 429.html's link says "Back to the article".
    context = {"minutes": -(-window // 60)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(window)
    return response


# -- the public pages ------------------------------------------------------------------------
def _topics_with_counts():
    """Every field with its number of published questions in the page's language."""
    counted = Count("questions", filter=Q(questions__status=Question.Status.PUBLISHED,
                                          questions__language=language()))
    return list(Topic.objects.annotate(published=counted).order_by("order", "pk"))


def _listing(request, template, *, topic=None):
    query = request.GET.get("q", "").strip()[:200]
    questions = Question.objects.published().in_language(language())
    if topic is not None:
        questions = questions.filter(topic=topic)
    if query:
        questions = questions.search(query)
    questions = questions.select_related("topic").only(*Question.IN_LISTS, "topic__name", "topic__name_vi",
                                                       "topic__name_en", "topic__slug").newest()
    paginator = Paginator(questions, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    other_languages = [(code, name) for code, name in settings.LANGUAGES if code != language()]
    context = {
        "topic": topic,
        "topics": _topics_with_counts(),
        "page_obj": page,
        "paginator": paginator,
        "is_paginated": page.has_other_pages(),
        "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2)),
        "search_query": query,
        "other_languages": other_languages,
    }
    return render(request, template, context)


@require_GET
def question_list(request):
    """The answered questions of the page's language, newest first; searchable."""
    return _listing(request, "questions/question_list.html")


@require_GET
def topic_list(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return _listing(request, "questions/question_list.html", topic=topic)


@require_GET
def question_detail(request, pk):
    queryset = Question.objects.select_related("topic").only(*Question.ON_THE_PAGE, "topic__name",
                                                             "topic__name_vi", "topic__name_en", "topic__slug")
    preview = request.user.is_authenticated and request.user.has_perm("questions.change_question")
    if not preview:
        queryset = queryset.published()
    question = get_object_or_404(queryset, pk=pk)
    related = (Question.objects.published().in_language(question.language).filter(topic=question.topic)
               .exclude(pk=question.pk).only("pk", "title", "language", "published_at").newest()[:RELATED])
    context = {"question": question, "related": related, "is_preview": not question.is_public,
               "asked_in_other_language": question.language != language()}
    return render(request, "questions/question_detail.html", context)


# -- asking ----------------------------------------------------------------------------------
def _render_form(request, form, status=200):
    response = render(request, "questions/ask.html", {"form": form}, status=status)
    # A form page belongs to one reader and one captcha: never indexed.
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request):
    if request.method == "GET":
        initial = {}
        slug = request.GET.get("field", "")
        if slug and len(slug) <= 100:
            initial["topic"] = Topic.objects.filter(slug=slug).first()
        return _render_form(request, QuestionForm(initial=initial))
    visitor = ratelimit.visitor_hash(request)
    if rate_limited(visitor):
        return _too_many(request)
    form = QuestionForm(posted_data(request))
    if form.is_valid():
        if not ratelimit.consume(_rate_key(visitor), rate_limit(), rate_window()):
            return _too_many(request)
        data = form.cleaned_data
        try:
            question_create(topic=data["topic"], name=data["name"], email=data["email"], phone=data["phone"],
                            title=data["title"], body=data["body"], visitor=visitor, language=language(),
                            base_url=site_url(request))
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Thank you. Your question has been sent to the office. It will be "
                                        "published here with its answer, and we will e-mail you then."))
            return redirect("questions:list")
    return _render_form(request, form)
