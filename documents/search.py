"""Search that ignores diacritics, case and the punctuation of numbers.

Every document keeps two folded copies, filled on save (models.Document.fill_search): its
number's words ("45/2026/QĐ-UBND" -> " 45 2026 qd ubnd ") and every word of its number, type,
issuer, signer and summaries. A query is folded the same way, so "45/2026/QĐ-UBND",
"45 2026 qd ubnd" and "45/2026" are all the words 45, 2026 (, qd, ubnd): the documents whose numbers begin with
those words, if any do; otherwise every document holding all the words.
On PostgreSQL the match is a full-text match over a stored tsvector of the folded text,
GIN-indexed (migration 0002); SQLite matches each word as a substring of the padded text.
"""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from articles.text import search_normalise

from .text import padded

MAX_TERMS = 8
MAX_LENGTH = 200
# The stored, GIN-indexed tsvector of migration 0002, named without its table: no table a
# documents query joins has such a column, and a subquery's alias (U0) is then no matter.
VECTOR_SQL = '"search_vector"'


def terms_of(query: str) -> list[str]:
    return search_normalise((query or "")[:MAX_LENGTH]).split()[:MAX_TERMS]


def matching(queryset, query: str):
    """`queryset` narrowed to the documents holding every word of `query` (unchanged if it has none)."""
    terms = terms_of(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        match = RawSQL(f"{VECTOR_SQL} @@ plainto_tsquery('simple'::regconfig, %s)", [" ".join(terms)],
                       output_field=BooleanField())
        return queryset.filter(match)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=f" {term} ")
    return queryset.filter(condition)


def ranked(queryset, query: str):
    """The matches, newest first. A query naming a number (it holds a digit) that begins the
    numbers of some documents ("45/2026", "45 2026 qd ubnd") finds those, through the index
    of the numbers' beginnings; any other query (words, or a number's words in another order)
    finds every document holding all its words. Ranked by date only, so that PostgreSQL may walk
    the newest documents through its index and stop at a page's worth instead of sorting every
    match of a common word (a thousand at 50,000 documents)."""
    terms = terms_of(query)
    if not terms:
        return queryset
    if any(character.isdigit() for term in terms for character in term):
        by_number = queryset.filter(number_search__startswith=padded(" ".join(terms)))
        if by_number.exists():
            return by_number.order_by("-issue_date", "-pk")
    return matching(queryset, query).order_by("-issue_date", "-pk")
