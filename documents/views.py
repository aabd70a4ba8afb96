import datetime
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Max, Min, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView, ListView

from comments import ratelimit
from portal import pagecache
from portal.context_processors import site_url
from portal.dates import year_in_range
from portal.forms import posted_data
from portal.pagination import PaginatedMixin

from . import search
from .forms import OpinionForm
from .models import Document, DocumentFile, DocumentRelation, DocumentType, Issuer, Opinion, Sector, Validity
from .opinions import opinion_create
from .pagination import RowsPaginator
from .validators import CONTENT_TYPES

PAGE_SIZE = 20
MAX_OPINIONS_SHOWN = 200
CHOICES_KEY = "documents:choices:v1"


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def cached_choices() -> dict:
    """The managed lists the filters offer (types, issuers, fields), kept in the cache until one
    of them changes (signal_handlers.list_changed)."""
    found = cache.get(CHOICES_KEY)
    if found is None:
        found = {"types": list(DocumentType.objects.all()), "issuers": list(Issuer.objects.all()),
                 "sectors": list(Sector.objects.all())}
        cache.set(CHOICES_KEY, found, 3600)
    return found


def forget_choices() -> None:
    cache.delete(CHOICES_KEY)


def public_documents():
    return Document.objects.published().documents()


def cached_years(request) -> list[int]:
    """The years public documents were issued in, newest first (from the first to the last: one
    aggregate over the index), kept under the page-cache version."""
    key = f"documents:years:{pagecache.version(request)}"
    years = cache.get(key)
    if years is None:
        bounds = public_documents().aggregate(first=Min("issue_date"), last=Max("issue_date"))
        years = (list(range(bounds["last"].year, bounds["first"].year - 1, -1))
                 if bounds["first"] and bounds["last"] else [])
        cache.set(key, years, 3600)
    return years


def _int(value):
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


class Filters:
    """The list's filters as the address holds them, each checked against what exists: an
    unknown value is ignored (the list is not emptied by a stale link)."""

    NAMES = ("type", "issuer", "field", "year", "validity", "q")  # the order of the address

    def __init__(self, params, choices):
        self.values = {}
        for name, options in (("type", choices["types"]), ("issuer", choices["issuers"]),
                              ("field", choices["sectors"])):
            pk = _int(params.get(name))
            if pk is not None and any(option.pk == pk for option in options):
                self.values[name] = pk
        year = _int(params.get("year"))
        if year is not None and year_in_range(year):
            self.values["year"] = year
        if params.get("validity") in Validity.values:
            self.values["validity"] = params["validity"]
        query = " ".join((params.get("q") or "").split())[:search.MAX_LENGTH]
        if search.terms_of(query):
            self.values["q"] = query

    def apply(self, queryset):
        v = self.values
        if "type" in v:
            queryset = queryset.filter(doc_type_id=v["type"])
        if "issuer" in v:
            queryset = queryset.filter(issuer_id=v["issuer"])
        if "field" in v:
            queryset = queryset.filter(sector_id=v["field"])
        if "year" in v:
            queryset = queryset.filter(issue_date__gte=datetime.date(v["year"], 1, 1),
                                       issue_date__lt=datetime.date(v["year"] + 1, 1, 1))
        if "validity" in v:
            queryset = queryset.by_validity(v["validity"])
        if "q" in v:
            return search.ranked(queryset, v["q"])
        return queryset

    @property
    def query_string(self) -> str:
        """The filters as an address's query (without the page), in a fixed order."""
        return urlencode([(name, self.values[name]) for name in self.NAMES if name in self.values])

    @property
    def key(self) -> str:
        """What names this list: the folded words of the search, not how they were typed."""
        canonical = {**self.values}
        if "q" in canonical:
            canonical["q"] = " ".join(search.terms_of(canonical["q"]))
        return hashlib.sha256(repr(sorted(canonical.items())).encode()).hexdigest()[:32]

    def __bool__(self):
        return bool(self.values)


class DocumentListView(PaginatedMixin, ListView):
    """Every public document, filtered by type, issuer, field, year, validity and words; the
    filters combine and stay in the address."""

    template_name = "documents/document_list.html"
    paginate_by = PAGE_SIZE
    paginator_class = RowsPaginator

    def get(self, request, *args, **kwargs):
        # The filter form sends every field, the empty ones too: the address it leads to is the
        # short one (only the filters chosen, in a fixed order), the one readers share.
        if any(name in request.GET and not request.GET[name].strip() for name in Filters.NAMES):
            filters = Filters(request.GET, cached_choices())
            page = _int(request.GET.get("page"))
            query = "&".join(filter(None, [filters.query_string, f"page={page}" if page and page > 1 else ""]))
            return redirect(f"{request.path}?{query}" if query else request.path)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.choices = cached_choices()
        self.filters = Filters(self.request.GET, self.choices)
        self.count_key = f"documents:{self.filters.key}"
        return self.filters.apply(public_documents().for_list())

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters=self.filters, choices=self.choices,
                                        years=cached_years(self.request), validities=Validity.choices,
                                        **kwargs)


class DraftListView(PaginatedMixin, ListView):
    """Drafts for public comment: those open now, then the closed ones (paginated)."""

    template_name = "documents/draft_list.html"
    paginate_by = PAGE_SIZE
    count_key = "documents:drafts:closed"

    def get_queryset(self):
        return (Document.objects.published().closed_for_comment().for_list()
                .order_by("-comment_closes", "-pk"))

    def get_context_data(self, **kwargs):
        upcoming = (Document.objects.published().drafts().filter(comment_opens__gt=timezone.now())
                    .for_list().order_by("comment_opens", "pk"))
        opened = Document.objects.published().open_for_comment().for_list().order_by("comment_closes", "pk")
        return super().get_context_data(open_drafts=lambda: list(opened), upcoming_drafts=lambda: list(upcoming),
                                        **kwargs)


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        qs = Document.objects.select_related("doc_type", "issuer", "sector").defer(
            "search_text", "number_search", "rejection_reason")
        return qs if self.request.user.has_perm("documents.change_document") else qs.published()

    def get_context_data(self, **kwargs):
        document = self.object
        context = {
            "is_preview": not document.is_public,
            "untranslated": language() != "vi" and not document.has_translation(language()),
            # A callable: read only when the page's cached block is rendered again.
            "facts": lambda: document_facts(document),
        }
        if context["is_preview"]:
            context["fragment_seconds"] = 0
        return super().get_context_data(**context, **kwargs)


def document_facts(document) -> dict:
    """What the document's page shows besides its own columns, in at most five queries: its
    files, its relations both ways (public documents only), its validity, the related articles,
    and for a draft the opinions."""
    today = timezone.localdate()
    relations = list(
        DocumentRelation.objects.filter(Q(source=document) | Q(target=document))
        .select_related("source__doc_type", "target__doc_type")
        .only("kind", "source_id", "target_id",
              *(f"{side}__{field}" for side in ("source", "target")
                for field in ("number", "slug", "summary_vi", "summary_en", "issue_date", "effective_date",
                              "approval", "publish_at", "is_draft", "doc_type__name_vi", "doc_type__name_en")))
    )
    outgoing = [(r.kind, r.target) for r in relations if r.source_id == document.pk and r.target.is_public]
    incoming = [(r.inverse_label, r.source) for r in relations
                if r.target_id == document.pk and r.source.is_public]
    replaced = any(r.kind == DocumentRelation.Kind.REPLACES and r.target_id == document.pk
                   and r.source.is_public and not r.source.is_draft
                   and r.source.starts_on and r.source.starts_on <= today for r in relations)
    facts = {
        "files": list(document.files.all()),
        "outgoing": [(DocumentRelation.Kind(kind).label, target) for kind, target in outgoing],
        "outgoing_kinds": outgoing,  # for the JSON-LD (documents.structured_data)
        "incoming": incoming,
        "validity": None if document.is_draft else Validity(document.validity(today, replaced=replaced)),
        "articles": list(document.related_articles.published().for_links().order_by("-publish_at")),
    }
    if document.is_draft:
        facts["opinions"] = list(document.opinions.visible().only(*Opinion.ON_THE_PAGE)[:MAX_OPINIONS_SHOWN])
        facts["opinion_count"] = document.opinions.received().count()
        facts["comment_state"] = document.comment_state()
    return facts


def _public_file(request, slug, pk):
    found = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk, document__slug=slug)
    if not (found.document.is_public or request.user.has_perm("documents.change_document")):
        raise Http404
    return found


def _file_response(found, *, inline):
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404
    extension = found.extension.lower()
    response = FileResponse(handle, as_attachment=not inline, filename=found.filename,
                            content_type=CONTENT_TYPES.get(extension, "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    # A PDF opened in the browser needs its viewer (an embedded object); nothing else may run.
    response["Content-Security-Policy"] = ("default-src 'none'; object-src 'self'; frame-ancestors 'none'"
                                           if inline else "default-src 'none'; sandbox")
    return response


@require_GET
def file_download(request, slug, pk):
    """The file, always as a download."""
    return _file_response(_public_file(request, slug, pk), inline=False)


@require_GET
def file_view(request, slug, pk):
    """A PDF, opened in the browser's own viewer (checked to be a PDF when it was uploaded)."""
    found = _public_file(request, slug, pk)
    if not found.is_pdf:
        raise Http404
    return _file_response(found, inline=True)


# -- opinions on drafts ------------------------------------------------------------------------

def _closed(request, document):
    response = render(request, "documents/opinion_closed.html", {"document": document}, status=403)
    response["X-Robots-Tag"] = "noindex"
    return response


def _too_many(request, document):
    context = {"minutes": ratelimit.window_minutes(), "back_url": document.get_absolute_url()}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(ratelimit.window_seconds())
    return response


def _render_form(request, document, form):
    response = render(request, "documents/opinion_form.html", {"document": document, "form": form})
    response["X-Robots-Tag"] = "noindex"  # one reader's form and captcha
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def opinion_page(request, slug):
    """The opinion form of a draft, open only between its opening and closing times."""
    document = get_object_or_404(Document.objects.published().drafts().select_related("doc_type"), slug=slug)
    if document.comment_state() != "open":
        return _closed(request, document)
    if request.method == "GET":
        return _render_form(request, document, OpinionForm(document=document))
    visitor = ratelimit.visitor_hash(request)
    if ratelimit.rate_limited(visitor):
        return _too_many(request, document)
    form = OpinionForm(posted_data(request), document=document)
    if form.is_valid():
        if not ratelimit.rate_limit_consume(visitor):
            return _too_many(request, document)
        try:
            opinion_create(document=document, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                           body=form.cleaned_data["body"], visitor=visitor, base_url=site_url(request))
        except ValidationError as error:
            form.add_error("body" if getattr(error, "code", "") == "duplicate" else None, error)
        else:
            messages.success(request, _("Thank you. Your opinion has been received; it is published "
                                        "after moderation."))
            return redirect(f"{document.get_absolute_url()}#opinions")
    return _render_form(request, document, form)
