"""Search that ignores Vietnamese diacritics and case, in the reader's language.

Titles and bodies are stored folded to ASCII (see ``text.search_normalise``), so the same
folding of the query makes "dan van" find "Dân vận" on every database: PostgreSQL ranks
with its full-text search over the folded columns (which also spares us the superuser-only
``unaccent`` extension); SQLite matches every word and ranks title hits first.
"""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from .models import Article
from .text import search_normalise

MAX_TERMS = 8


def search_articles(query: str, *, language: str = "vi"):
    terms = search_normalise(query).split()[:MAX_TERMS]
    qs = Article.objects.published().in_language(language).for_list()
    if not terms:
        return qs.none()
    title, body = f"search_title_{language}", f"search_body_{language}"
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
        from django.db.models.expressions import RawSQL

        # The tsvector (title weight A, body weight B) is a stored, GIN-indexed column that
        # PostgreSQL keeps up to date (migration 0004); the model does not declare it.
        column = f"search_vector_{language}" if language in ("vi", "en") else "search_vector_vi"
        vector = RawSQL(f'"{Article._meta.db_table}"."{column}"', [], output_field=SearchVectorField())
        search_query = SearchQuery(" ".join(terms), search_type="plain", config="simple")
        # Match with @@ through the index (ts_rank alone is not zero for every miss), then rank the matches.
        return (qs.alias(document=vector).annotate(rank=SearchRank(vector, search_query))
                .filter(document=search_query).order_by("-rank", "-publish_at", "-pk"))
    # The folded columns are stored padded with spaces, so " term " matches whole words only.
    match, in_title = Q(), Q()
    for term in terms:
        word = f" {term} "
        match &= Q(**{f"{title}__contains": word}) | Q(**{f"{body}__contains": word})
        in_title &= Q(**{f"{title}__contains": word})
    return (qs.filter(match)
            .annotate(rank=Case(When(in_title, then=Value(2)), default=Value(1), output_field=IntegerField()))
            .order_by("-rank", "-publish_at", "-pk"))
