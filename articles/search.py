"""Search that ignores Vietnamese diacritics and case, in the reader's language.

Titles and bodies are stored folded to ASCII (see ``text.search_normalise``), so the same
folding of the query makes "dan van" find "Dân vận" on every database: PostgreSQL ranks
with its full-text search over the folded columns (which also spares us the superuser-only
``unaccent`` extension); SQLite matches every word and ranks title hits first.

Two orders. "newest" lists every match, newest first. "relevance" (the default) ranks the
RANK_LIMIT newest matches: ranking reads each match's whole text vector, and a common word
in a large archive matches tens of thousands of articles (a third of 100,000 took seconds
per request; bench/README.md). Readers of a news portal want recent news first anyway; the
search page says when the ranking was bounded and links to the full list by date.
"""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from .models import Article
from .text import search_normalise

MAX_TERMS = 8
# Twenty pages of ranked results. At 1,000, finding the newest matches of a common word among
# 100,000 articles alone took longer than ranking 700 matches among 2,000 (bench/README.md).
RANK_LIMIT = 200
ORDERS = ("relevance", "newest")


def search_articles(query: str, *, language: str = "vi", order: str = "relevance"):
    """Published articles matching every word of `query`, in `order` (see the module's text)."""
    matches, rank = _matches(query, language)
    if order == "newest" or rank is None:
        return matches.order_by("-publish_at", "-pk")
    newest = matches.order_by("-publish_at", "-pk").values("pk")[:RANK_LIMIT]
    return (Article.objects.published().for_cards().filter(pk__in=newest)
            .annotate(rank=rank).order_by("-rank", "-publish_at", "-pk"))


def count_matches(query: str, *, language: str = "vi"):
    """The queryset of every match, for counting."""
    return _matches(query, language)[0]


def _matches(query, language):
    """(matching articles, their rank expression): unordered; (none, None) for an empty query."""
    terms = search_normalise(query).split()[:MAX_TERMS]
    qs = Article.objects.published().in_language(language).for_cards()
    if not terms:
        return qs.none(), None
    title, body = f"search_title_{language}", f"search_body_{language}"
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
        from django.db.models.expressions import RawSQL

        # The tsvector (title weight A, body weight B) is a stored, GIN-indexed column that
        # PostgreSQL keeps up to date (migration 0004); the model does not declare it. Named
        # without its table, it is the row of whichever query holds it: the ranking's, or the
        # subquery's that picks the newest matches (the category joined has no such column).
        column = f"search_vector_{language}" if language in ("vi", "en") else "search_vector_vi"
        vector = RawSQL(f'"{column}"', [], output_field=SearchVectorField())
        search_query = SearchQuery(" ".join(terms), search_type="plain", config="simple")
        # Match with @@ through the index (ts_rank alone is not zero for every miss).
        return qs.alias(document=vector).filter(document=search_query), SearchRank(vector, search_query)
    # The folded columns are stored padded with spaces, so " term " matches whole words only.
    match, in_title = Q(), Q()
    for term in terms:
        word = f" {term} "
        match &= Q(**{f"{title}__contains": word}) | Q(**{f"{body}__contains": word})
        in_title &= Q(**{f"{title}__contains": word})
    return qs.filter(match), Case(When(in_title, then=Value(2)), default=Value(1), output_field=IntegerField())
