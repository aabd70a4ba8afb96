from datetime import timedelta

from captcha import views as captcha_views
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article
from portal.context_processors import site_url
from portal.forms import posted_data

from . import ratelimit
from .forms import CommentForm
from .models import Comment
from .services import comment_create

PAGE_PARAMETER = "cpage"
# A message tagged so is shown by its page where the reader is (templates/comments/includes/notice.html
# on the article page), not at the top with the others (base.html).
IN_PLACE = "in-place"
NOTICE_ID = "comment-notice"
# What a reader past the rate limit gets back in the form.
KEPT_FIELDS = ("name", "email", "body")


class CountedPaginator(Paginator):
    """Counts nothing: the article's approved comments are counted by the moderation."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


def comment_context(request, article, number=None) -> dict:
    """Context for templates/comments/includes/comments.html on the article page.

    It holds nothing personal to the reader (no form, no token): the article page is cached.
    """
    # Only what the page shows: never the sender's e-mail or visitor hash.
    shown = Comment.objects.visible().filter(article=article).only(*Comment.ON_THE_PAGE)
    paginator = CountedPaginator(shown,
                                 getattr(settings, "COMMENTS_PER_PAGE", 20), count=article.comment_count)
    page = paginator.get_page(request.GET.get(PAGE_PARAMETER) if number is None else number)
    return {
        "comment_page": page,
        "comment_page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2)),
        "comment_page_parameter": PAGE_PARAMETER,
        "comments_open": article.allow_comments and article.is_public,
    }


def comment_page_number(request, article) -> int:
    """The page of comments to show, settled before rendering: the comments are cached per page.

    As Paginator.get_page: not a number -> the first page, out of range -> the last one
    (counted from the article's approved comments, kept up to date by the moderation).
    """
    per_page = getattr(settings, "COMMENTS_PER_PAGE", 20)
    last = max(1, -(-article.comment_count // per_page))
    try:
        number = int(request.GET.get(PAGE_PARAMETER, "1"))
    except ValueError:
        return 1
    return last if number < 1 else min(number, last)


def _commentable_article(slug):
    """A published article (else 404), and whether it takes comments."""
    article = get_object_or_404(Article.objects.published().select_related("category"), slug=slug)
    return article, article.allow_comments


def _closed(request, article):
    return render(request, "comments/closed.html", {"article": article}, status=403)


def _too_many(request, article, data):
    """The form again, with what the reader wrote (and a new captcha), and when they may send it."""
    kept = {name: data.get(name, "") for name in KEPT_FIELDS}
    seconds = ratelimit.window_seconds()
    # Rounded up to the minute shown: at that minute the window is over, whenever it began.
    retry_at = timezone.localtime() + timedelta(seconds=seconds + 59)
    context = {"retry_at": retry_at.replace(second=0, microsecond=0), "retry_minutes": ratelimit.window_minutes()}
    response = _render_form(request, "comments/comment_form.html", article,
                            CommentForm(initial=kept, article=article), status=429, **context)
    response["Retry-After"] = str(seconds)
    return response


@require_GET
def captcha_refresh(request):
    """django-simple-captcha's new-image answer (a row in the database each time), rate-limited
    per reader like the comments themselves."""
    if not ratelimit.captcha_refresh_allowed(ratelimit.visitor_hash(request)):
        response = JsonResponse({"error": _("Too many new images were asked for. Please try again later.")},
                                status=429)
        response["Retry-After"] = str(ratelimit.window_seconds())
        return response
    return captcha_views.captcha_refresh(request)


def _render_form(request, template, article, form, status=200, **context):
    response = render(request, template, {"article": article, "form": form, **context}, status=status)
    # A form page belongs to one reader and one captcha: never indexed.
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def comment_page(request, slug):
    """The comment form on a page of its own; the form's POST comes here from the article too."""
    article, is_open = _commentable_article(slug)
    if not is_open:
        return _closed(request, article)
    if request.method == "GET":
        return _render_form(request, "comments/comment_form.html", article, CommentForm(article=article))
    visitor = ratelimit.visitor_hash(request)
    data = posted_data(request)
    if ratelimit.rate_limited(visitor):
        return _too_many(request, article, data)
    form = CommentForm(data, article=article)
    if form.is_valid():
        if not ratelimit.rate_limit_consume(visitor):
            return _too_many(request, article, data)
        try:
            comment_create(article=article, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                           body=form.cleaned_data["body"], visitor=visitor,
                           base_url=site_url(request))
        except ValidationError as error:
            form.add_error("body", error)
        else:
            # Shown above the comments, where the reader lands, not at the top of the page.
            messages.success(request, _("Thank you. Your comment is awaiting moderation "
                                        "and will appear here once it is approved."), extra_tags=IN_PLACE)
            return redirect(f"{article.get_absolute_url()}#{NOTICE_ID}")
    return _render_form(request, "comments/comment_form.html", article, form)


@never_cache
@require_GET
def comment_form_fragment(request, slug):
    """The bare form, fetched by comments.js to open it inside the (cached) article page."""
    article, is_open = _commentable_article(slug)
    if not is_open:
        return _closed(request, article)
    return _render_form(request, "comments/includes/form.html", article, CommentForm(article=article))
