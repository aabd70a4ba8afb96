import hashlib
import mimetypes
import os

from django.conf import settings
from django.db import connection
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView

from portal.dates import year_in_range
from portal.pagination import CachedCountPaginator, PaginatedMixin

from .models import Article, Attachment, Category
from . import search
from .search import MAX_TERMS, ORDERS, count_matches, search_articles
from .text import search_normalise

HOME_PER_CATEGORY = 4
HOME_FEATURED = 5
PAGE_SIZE = 10
ASIDE_LATEST = 6
OTHER_ARTICLES = 5


def public_articles():
    return Article.objects.published().in_language().for_cards()


def public_links():
    return Article.objects.published().in_language().for_links()


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        # Callables: built and read only when the template's cached block is rendered again.
        return super().get_context_data(featured=self.featured, sections=self.sections, **kwargs)

    @staticmethod
    def featured():
        return public_articles().filter(featured=True)[:HOME_FEATURED]

    @staticmethod
    def sections():
        """(category, its latest articles) for every category with articles, in navigation order."""
        sections = {}
        for article in latest_by_category():
            sections.setdefault(article.category_id, (article.category, []))[1].append(article)
        return list(sections.values())


def latest_by_category():
    """Every category's latest articles, in two queries however many categories there are."""
    if connection.vendor == "postgresql":
        # Each category's newest ids by a LIMIT over the (category, -publish_at) index, in one
        # query; ranking every article with a window instead grows with the archive.
        newest = public_articles().filter(category_id=OuterRef("pk")).order_by("-publish_at", "-pk")
        ids = Category.objects.order_by("order", "pk").annotate(
            latest=ArraySubquery(newest.values("pk")[:HOME_PER_CATEGORY])).values_list("latest", flat=True)
        position = {pk: n for n, pk in enumerate(pk for latest in ids for pk in latest)}
        return sorted(public_articles().filter(pk__in=position), key=lambda article: position[article.pk])
    # SQLite has no arrays: rank with a window instead.
    return list(public_articles()
                .annotate(rank=Window(RowNumber(), partition_by=F("category_id"),
                                      order_by=[F("publish_at").desc(), F("pk").desc()]))
                .filter(rank__lte=HOME_PER_CATEGORY).order_by("category__order", "category_id", "rank"))


class CategoryView(PaginatedMixin, ListView):
    template_name = "articles/category_detail.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.category = Category.by_slug(self.kwargs["slug"])
        if self.category is None:
            raise Http404
        self.count_key = f"category:{self.category.pk}:{language()}"
        return public_articles().filter(category_id__in=self.category.section_ids)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, current_category=self.category, **kwargs)


class ArticleDetailView(DetailView):
    def get_queryset(self):
        qs = Article.objects.only(*Article.ON_THE_PAGE)
        return qs if self.request.user.has_perm("articles.change_article") else qs.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # From the cached categories (the breadcrumbs and navigation show them too), not a join.
        self.object.category = Category.all_cached().get(self.object.category_id) or self.object.category
        if self.object.content_link and self.object.is_public:
            return HttpResponseRedirect(self.object.content_link)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        article = self.object
        context = {
            "current_category": article.category,
            "untranslated": language() != "vi" and not article.has_translation(language()),
            "is_preview": not article.is_public,
            # Callables: built and read only when the template's cached block is rendered again.
            "other_articles": self.other_articles,
            "latest": lambda: public_links()[:ASIDE_LATEST],
        }
        if context["is_preview"]:  # changes with every save, seen by a few editors: never stored
            context["fragment_seconds"] = 0
        return super().get_context_data(**context, **kwargs)

    def other_articles(self):
        article = self.object
        return public_links().filter(category_id=article.category_id).exclude(pk=article.pk)[:OTHER_ARTICLES]


class ArticleSaveView(ArticleDetailView):
    """The article as one HTML file to keep ("Lưu"): its text, date, byline, source address and
    the addresses of its image and files; it opens in any browser, offline too."""

    template_name = "articles/article_save.html"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}.html"'
        response["X-Robots-Tag"] = "noindex"
        return response


class ArchiveIndexView(TemplateView):
    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        years = {}
        for month in public_articles().dates("publish_at", "month", order="DESC"):
            years.setdefault(month.year, []).append(month)
        return super().get_context_data(years=sorted(years.items(), reverse=True), **kwargs)


class ArchiveMonthView(PaginatedMixin, MonthArchiveView):
    template_name = "articles/archive_month.html"
    date_field = "publish_at"
    month_format = "%m"
    paginate_by = 20
    allow_empty = True
    allow_future = False
    make_object_list = True

    def get_year(self):
        # Only the years articles may be dated in (a month on either side stays within Python's dates).
        year = super().get_year()
        if not year_in_range(int(year)):
            raise Http404
        return year

    def get_queryset(self):
        self.count_key = f"month:{self.get_year()}-{self.get_month()}:{language()}"
        return public_articles().order_by("publish_at", "pk")


class SearchView(PaginatedMixin, ListView):
    """Articles matching every word, ranked (the newest RANK_LIMIT matches) or newest first."""

    template_name = "articles/search.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:200]
        self.order = self.request.GET.get("order", "") if self.request.GET.get("order") in ORDERS else ORDERS[0]
        terms = " ".join(search_normalise(self.query).split()[:MAX_TERMS])
        # The folded words name the search: "Chuyển đổi số" and "chuyen doi so" are one.
        self.terms_key = hashlib.sha256(terms.encode()).hexdigest() if terms else ""
        self.count_key = f"search:{language()}:{self.terms_key}:{self.order}"
        return search_articles(self.query, language=language(), order=self.order)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(search_query=self.query, search_order=self.order,
                                           search_terms_key=self.terms_key, **kwargs)
        listed = context["paginator"].count
        total = listed if self.order == "newest" or listed < search.RANK_LIMIT else self.total()
        return {**context, "search_total": total, "search_ranked": listed if total > listed else None}

    def total(self):
        """Every match, counted (kept like the pages' counts) when the ranked list is bounded."""
        return CachedCountPaginator(count_matches(self.query, language=language()), 1, request=self.request,
                                    count_key=f"search:{language()}:{self.terms_key}:all").count


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
