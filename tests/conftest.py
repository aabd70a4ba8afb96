import shutil
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils import timezone, translation

from articles.models import Article, ArticleType, Category
from portal.roles import APPROVERS, EDITORS


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test gets its own media folder, an empty cache, and Vietnamese active (a request
    to /en/ leaves English active in the test's thread, and addresses built outside a request
    would follow it)."""
    translation.activate(settings.LANGUAGE_CODE)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


def make_staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.gov.vn", "pass-Word-123",
                                                 is_staff=True, first_name=username.title())
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return make_staff(django_user_model, "editor1", EDITORS)


@pytest.fixture
def other_editor(db, django_user_model):
    return make_staff(django_user_model, "editor2", EDITORS)


@pytest.fixture
def approver(db, django_user_model):
    return make_staff(django_user_model, "approver1", APPROVERS)


@pytest.fixture
def category(db):
    return Category.objects.create(name_vi="Tin tức", name_en="News", slug="tin-tuc")


@pytest.fixture
def news_type(db):
    return ArticleType.objects.get(name_vi="Tin tức")


def make_article(category, *, title="Dân vận khéo ở cơ sở", title_en="Skilful mobilisation", **fields):
    defaults = {
        "title_vi": title, "title_en": title_en,
        "summary_vi": "Tóm tắt bài viết.", "summary_en": "The summary." if title_en else "",
        "content_vi": "<p>Nội dung bài viết về công tác dân vận.</p>",
        "content_en": "<p>The article's content.</p>" if title_en else "",
        "category": category, "approval": Article.Approval.APPROVED,
        "publish_at": timezone.now() - timezone.timedelta(hours=1),
        "coefficient": Decimal("2"),
    }
    defaults.update(fields)
    return Article.objects.create(**defaults)


@pytest.fixture
def article(category):
    return make_article(category)


@pytest.fixture
def draft_article(category, editor):
    return make_article(category, title="Bản nháp", title_en="A draft", approval=Article.Approval.DRAFT,
                        created_by=editor)


OWN_APPS = ("portal", "articles", "royalties", "comments", "stats", "questions", "documents", "multimedia",
            "importer")


def restore_reference_data():
    """Re-run our data migrations: a transactional test's flush empties the tables they filled."""
    from django.apps import apps as global_apps
    from django.db import connection
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    with connection.schema_editor(atomic=False) as editor:
        for key in loader.graph.leaf_nodes():
            if key[0] not in OWN_APPS:
                continue
            for app_label, name in loader.graph.forwards_plan(key):
                if app_label != key[0]:
                    continue
                for operation in loader.graph.nodes[(app_label, name)].operations:
                    if isinstance(operation, RunPython):
                        operation.code(global_apps, editor)


@pytest.fixture
def reference_data(transactional_db):
    restore_reference_data()


@pytest.fixture
def cache_down(settings):
    """Every cache is a Redis that does not answer (nothing listens on its port), as production
    configures it: django-redis then answers a miss to every read and skips every write."""
    down = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}}
    settings.CACHES = {"default": down, "fragments": down}
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
