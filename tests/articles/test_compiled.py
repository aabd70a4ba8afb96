"""The article page's compiled lookup answers exactly as the ORM would (portal/compiled.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.views import ARTICLE_PAGE_FIELDS, ArticleDetailView
from portal.compiled import CompiledQuery
from tests.conftest import make_article

LOOKUP = ArticleDetailView.READER_LOOKUP


def orm(slug, now):
    return Article.objects.only(*ARTICLE_PAGE_FIELDS).published(now=now).filter(slug=slug).first()


@pytest.mark.parametrize("fields", [
    {}, {"approval": Article.Approval.DRAFT}, {"approval": Article.Approval.PENDING}, {"is_shown": False},
    {"publish_at": timezone.now() + timedelta(days=1)}, {"title_en": ""},
])
def test_the_compiled_lookup_answers_as_the_orm(category, fields):
    article = make_article(category, **fields)
    now = timezone.now()
    expected = orm(article.slug, now)
    found = LOOKUP.first(slug=article.slug, publish_at=now)
    assert (found is None) == (expected is None)
    if found is not None:
        assert found.pk == expected.pk
        for name in ("title_vi", "title_en", "summary_vi", "slug", "read_count", "comment_count",
                     "category_id", "publish_at", "updated_at", "approval", "is_shown", "image"):
            assert getattr(found, name) == getattr(expected, name), name
        # what the page does not read stays deferred, as with only()
        assert found.get_deferred_fields() == expected.get_deferred_fields()


def test_each_call_runs_one_query_with_its_own_values(category):
    soon = make_article(category, title="Sắp đăng", publish_at=timezone.now() + timedelta(hours=2))
    other = make_article(category, title="Bài khác")
    with CaptureQueriesContext(connection) as queries:
        assert LOOKUP.first(slug=soon.slug, publish_at=timezone.now()) is None
        assert LOOKUP.first(slug=soon.slug, publish_at=timezone.now() + timedelta(hours=3)).pk == soon.pk
        assert LOOKUP.first(slug=other.slug, publish_at=timezone.now()).pk == other.pk
        assert LOOKUP.first(slug="khong-co", publish_at=timezone.now()) is None
    assert len(queries) == 4


def test_hostile_slugs_are_parameters_not_sql(category):
    make_article(category)
    for slug in ("' OR '1'='1", "%", "_", "a" * 500, "x'); DROP TABLE articles_article; --"):
        assert LOOKUP.first(slug=slug, publish_at=timezone.now()) is None
    assert Article.objects.exists()


def test_a_marker_that_is_not_a_parameter_is_refused(db):
    lookup = CompiledQuery(lambda slug: Article.objects.filter(slug="fixed"), slug="\x00marker\x00")
    with pytest.raises(ValueError):
        lookup.first(slug="x")


def test_only_a_models_own_columns_can_be_compiled(db):
    lookup = CompiledQuery(lambda slug: Article.objects.select_related("category").filter(slug=slug),
                           slug="\x00marker\x00")
    with pytest.raises(ValueError):
        lookup.first(slug="x")
