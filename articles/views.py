import hashlib
import mimetypes
import os
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView

from portal import pagecache
from portal.caching import cached
from portal.chrome import chrome
from portal.compiled import CompiledQuery
from portal.fragments import Fragment, fetch_row
from portal.models import SiteSettings

from .context_processors import categories_by_pk
from .models import Article, Attachment, Category
from . import search
from .search import MAX_TERMS, ORDERS, count_matches, search_articles
from .text import search_normalise

HOME_PER_CATEGORY = 4
HOME_FEATURED = 5
PAGE_SIZE = 10
ASIDE_LATEST = 6
ASIDE_MOST_READ = 5
MOST_READ_DAYS = 7
# How long a count is kept: as long as the list fragments it goes with. Every change readers
# see bumps the page-cache version the count is kept under, and so does a scheduled article's
# time coming (pagecache.version_now), so no count is ever stale; at 100,000 articles a large
# category takes a recount of tens of thousands of rows.
COUNT_SECONDS = 600


def cached_count(key: str, count) -> int:
    """`count()`, kept under the page-cache version and `key` (what is counted, the language
    included). Counting a large category takes longer than fetching any of its pages.
    Publishing, hiding or editing an article bumps the version, and so does a scheduled
    article's time coming: the count follows at once."""
    try:
        version = pagecache.version_now()
    except Exception:  # the cache being down must not take pages down
        return count()
    return cached(f"count:{version}:{key}", count, COUNT_SECONDS)


class CachedCountPaginator(Paginator):
    """A paginator whose COUNT(*) is cached (cached_count) when it is given a count_key."""

    def __init__(self, *args, count_key="", **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        if not self.count_key:
            return super().count
        uncached = super()
        return cached_count(self.count_key, lambda: uncached.count)


class PageRangeMixin:
    """Adds the elided page numbers ("1 2 … 9 10 11 … 40") for the pagination partial."""

    paginator_class = CachedCountPaginator

    def count_key(self) -> str:
        """What identifies the list being counted (the language included); "" counts every time."""
        return ""

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return self.paginator_class(queryset, per_page, orphans=orphans,
                                    allow_empty_first_page=allow_empty_first_page,
                                    count_key=self.count_key(), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = list(page.paginator.get_elided_page_range(page.number, on_each_side=2))
        return context


def public_articles():
    return Article.objects.published().in_language().for_list()


def most_read(days=MOST_READ_DAYS, limit=ASIDE_MOST_READ):
    """The articles read most over the last `days` days (today included), as the statistics
    flushed them; readers' counts wait in Redis until `flush_stats` (every minute in production)."""
    since = timezone.localdate() - timedelta(days=days - 1)
    return list(public_articles().filter(daily_reads__day__gte=since)
                .annotate(recent_reads=Sum("daily_reads__reads"))
                .order_by("-recent_reads", "-publish_at", "-pk")[:limit])


def aside(language: str) -> Fragment:
    """The article page's side column: the latest articles and the most read of the week. One
    fragment per language, rendered again with every change readers see (the page-cache
    version) and at least once an hour, as the ranking moves with the flushed statistics."""
    def render():
        return render_to_string("articles/includes/aside.html", {
            "latest": list(public_articles()[:ASIDE_LATEST]), "most_read": most_read(),
            "most_read_days": MOST_READ_DAYS}).strip()
    return Fragment("aside", f"aside:{language}", render, stamp=timezone.localtime().strftime("%Y-%m-%dT%H"))


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        def content():
            featured = list(public_articles().filter(featured=True)[:HOME_FEATURED])
            sections = {}
            for article in self.latest_by_category():
                sections.setdefault(article.category_id, (article.category, []))[1].append(article)
            return render_to_string("articles/includes/home_content.html",
                                    {"featured": featured, "sections": list(sections.values())})

        # The page's articles and its chrome in one cache round trip (portal/fragments.py).
        language = (get_language() or "vi")[:2]
        html = chrome(self.request, also=[Fragment("content", f"home:{language}", content)])
        return super().get_context_data(fragments=html, chrome=html, **kwargs)

    @staticmethod
    def latest_by_category():
        """Every category's latest articles in one query, however many categories there are."""
        if connection.vendor == "postgresql":
            # One LIMIT per category, each an index scan on (category, -publish_at): the cost
            # no longer grows with the archive, unlike ranking every article with a window.
            categories = list(Category.objects.order_by("order", "pk").values_list("pk", flat=True))
            if not categories:
                return []
            parts = [public_articles().filter(category_id=pk).order_by("-publish_at", "-pk")[:HOME_PER_CATEGORY]
                     for pk in categories]
            position = {pk: n for n, pk in enumerate(categories)}
            articles = list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])
            return sorted(articles, key=lambda a: (position[a.category_id], -a.publish_at.timestamp(), -a.pk))
        # SQLite cannot put a LIMIT inside a compound statement: rank with a window instead.
        return list(
            public_articles()
            .annotate(rank=Window(RowNumber(), partition_by=F("category_id"),
                                  order_by=[F("publish_at").desc(), F("pk").desc()]))
            .filter(rank__lte=HOME_PER_CATEGORY)
            .order_by("category__order", "category_id", "rank")
        )


class CategoryView(PageRangeMixin, ListView):
    template_name = "articles/category_detail.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        categories = categories_by_pk()
        self.category = next((c for c in categories.values() if c.slug == self.kwargs["slug"]), None)
        if self.category is None:
            raise Http404
        ids = [self.category.pk, *(c.pk for c in categories.values() if c.parent_id == self.category.pk)]
        return public_articles().filter(category_id__in=ids)

    def count_key(self):
        return f"category:{self.category.pk}:{(get_language() or 'vi')[:2]}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(category=self.category, current_category=self.category, **kwargs)
        page = context["page_obj"]

        def articles():
            # The page's rows are read only here: not at all when the fragment is in the cache.
            return render_to_string("articles/includes/category_list.html", {"object_list": page.object_list})

        language = (get_language() or "vi")[:2]
        key = f"category:{self.category.pk}:{language}:page:{page.number}"
        html = chrome(self.request, current_category=self.category, also=[Fragment("list", key, articles)])
        return {**context, "fragments": html, "chrome": html}


# What the page itself shows or decides on; the text, the image's caption and the
# attachments are read only when the article's fragments are rendered again, and the
# category comes from the cached categories (articles.context_processors).
ARTICLE_PAGE_FIELDS = ("slug", "title", "summary", "image", "content_link", "publish_at", "is_shown",
                       "approval", "read_count", "comment_count", "allow_comments", "updated_at", "category")


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    # Readers' lookup, compiled once per process (portal/compiled.py): only the slug and the time change.
    READER_LOOKUP = CompiledQuery(
        lambda slug, publish_at: (Article.objects.only(*ARTICLE_PAGE_FIELDS)
                                  .published(now=publish_at).filter(slug=slug)),
        slug="\x00slug\x00", publish_at=datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt_timezone.utc))

    def get_queryset(self):
        qs = Article.objects.only(*ARTICLE_PAGE_FIELDS)
        return qs if self.request.user.has_perm("articles.change_article") else qs.published()

    def get_object(self, queryset=None):
        if self.request.user.has_perm("articles.change_article"):
            return super().get_object(queryset)  # editors also see drafts and scheduled articles
        # Kept in the cache under the page-cache version: publishing, hiding or editing bumps it.
        # The read count in the HTML is thus the one of the last change; the beacon's answer
        # shows readers the current one.
        slug, now = self.kwargs["slug"], timezone.now()
        article = fetch_row(f"article:{slug}", lambda: self.READER_LOOKUP.first(slug=slug, publish_at=now))
        if article is None:
            raise Http404
        return article

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.content_link and self.object.is_public:
            return HttpResponseRedirect(self.object.content_link)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        from comments.views import comment_context, comment_page_number

        request = self.request
        article = self.object
        language = (get_language() or "vi")[:2]
        origin = f"{request.scheme}://{request.get_host()}"

        # Nothing is read from the cache before the fragments: the site settings, the categories
        # and the rest every page reads come in the same round trip (portal/caching.py).
        def category():
            if "category" not in article._state.fields_cache:
                article.category = (categories_by_pk().get(article.category_id)
                                    or Category.objects.select_related("parent").get(pk=article.category_id))
            return article.category

        def head_and_top(template):
            def render():
                category()
                return render_to_string(template, {"article": article, "site": SiteSettings.load(),
                                                   "language": language})
            return render

        def image():
            return article.image_detail.url if article.image else ""

        def body():
            # The folded search copies are as long as the text itself and never shown.
            full = (Article.objects.defer("search_title_vi", "search_title_en", "search_body_vi", "search_body_en")
                    .prefetch_related("attachments").get(pk=article.pk))
            return render_to_string("articles/includes/article_body.html", {"article": full})

        page = comment_page_number(request, article)

        def comments():
            return render_to_string("comments/includes/comments.html", {
                "article": article, "site": SiteSettings.load(), **comment_context(request, article, page)})

        def others():
            articles = public_articles().filter(category_id=article.category_id).exclude(pk=article.pk)[:5]
            return render_to_string("articles/includes/other_articles.html", {"other_articles": articles})

        # Every stamp has the row's updated_at: a fragment rendered from a row read just before
        # a change, but stored under the version after it, is not taken for the new one.
        # (No key holds the address: the Host header is the client's to choose.)
        updated = article.updated_at.isoformat()
        parts = [Fragment("head", f"article:{article.pk}:{language}:head",
                          head_and_top("articles/includes/article_head.html"), stamp=updated),
                 Fragment("image", f"article:{article.pk}:image", image, stamp=updated, versioned=False),
                 Fragment("top", f"article:{article.pk}:{language}:top",
                          head_and_top("articles/includes/article_top.html"), stamp=updated),
                 Fragment("body", f"article:{article.pk}:{language}:body", body, stamp=updated, versioned=False),
                 Fragment("comments", f"article:{article.pk}:{language}:comments:{page}", comments, stamp=updated),
                 Fragment("others", f"article:{article.pk}:{language}:others", others, stamp=updated),
                 aside(language)]
        is_preview = not article.is_public
        if is_preview:
            # A preview changes with every save and is seen by a handful of editors: never stored.
            parts = [Fragment(part.name, "", part.render) for part in parts]
        # The page's fragments and its chrome in one cache round trip.
        html = chrome(request, category_id=article.category_id, current_category=category, also=parts)
        return super().get_context_data(
            current_category=category(),
            origin=origin,
            fragments=html,
            chrome=html,
            untranslated=language != "vi" and not article.has_translation(language),
            is_preview=is_preview,
            **kwargs,
        )


class ArchiveIndexView(TemplateView):
    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        months = public_articles().dates("publish_at", "month", order="DESC")
        years = {}
        for month in months:
            years.setdefault(month.year, []).append(month)
        return super().get_context_data(years=sorted(years.items(), reverse=True), **kwargs)


class ArchiveMonthView(PageRangeMixin, MonthArchiveView):
    template_name = "articles/archive_month.html"
    date_field = "publish_at"
    month_format = "%m"
    paginate_by = 20
    allow_empty = True
    allow_future = False
    make_object_list = True

    def get_queryset(self):
        return public_articles().order_by("publish_at", "pk")

    def count_key(self):
        return f"month:{self.get_year()}-{self.get_month()}:{(get_language() or 'vi')[:2]}"


class SearchView(PageRangeMixin, ListView):
    """Search results. The page's list of articles is a fragment keyed by the folded words
    (portal/fragments.py), so readers who look for the same thing after a decision is published
    are answered without a query; the count comes from the cache (cached_count) and the
    matches are read only to render a page of them again."""

    template_name = "articles/search.html"
    paginate_by = PAGE_SIZE

    @cached_property
    def language(self):
        return (get_language() or "vi")[:2]

    def terms_key(self):
        terms = " ".join(search_normalise(self.query).split()[:MAX_TERMS])
        return f"search:{self.language}:{hashlib.sha256(terms.encode()).hexdigest()}" if terms else ""

    def get_queryset(self):
        """As many places as there are results: the paginator needs only their number."""
        self.query = self.request.GET.get("q", "").strip()[:200]
        self.order = self.request.GET.get("order", "")
        if self.order not in ORDERS:
            self.order = ORDERS[0]
        key = self.terms_key()  # "" when there are no words to look for: nothing to list
        # Every match is counted; "most relevant" lists only the newest RANK_LIMIT of them
        # (articles/search.py).
        self.total = cached_count(key, count_matches(self.query, language=self.language).count) if key else 0
        return range(min(self.total, search.RANK_LIMIT) if self.order == "relevance" else self.total)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(search_query=self.query, search_order=self.order, **kwargs)
        listed = context["paginator"].count
        extra = {"search_total": self.total, "search_ranked": listed if self.total > listed else None}
        key = self.terms_key()
        if not key:
            return {**context, **extra}
        page = context["page_obj"]

        def results():
            first = (page.number - 1) * self.paginate_by
            articles = search_articles(self.query, language=self.language, order=self.order)
            return render_to_string("articles/includes/search_results.html",
                                    {"object_list": articles[first:first + self.paginate_by]})

        html = chrome(self.request, search_query=self.query,
                      also=[Fragment("results", f"{key}:{self.order}:page:{page.number}", results)])
        return {**context, **extra, "fragments": html, "chrome": html}


def attachment_download(request, slug, pk):
    attachment = get_object_or_404(
        Attachment.objects.select_related("article"), pk=pk, article__slug=slug)
    article = attachment.article
    if not (article.is_public or request.user.has_perm("articles.change_article")):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404
    filename = os.path.basename(attachment.file.name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    # Always a download: an uploaded file never renders as a page of our origin.
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

