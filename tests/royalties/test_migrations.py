"""Moving the coefficient unit values from articles to royalties keeps every row and grant."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from royalties.models import CoefficientUnit

BEFORE = [("articles", "0005_editors_list_indexes")]  # royalties 0001 depends on 0006: unapplied too
AFTER = [("royalties", "0001_initial")]
UNIT_PERMISSIONS = {"add_coefficientunit", "change_coefficientunit", "view_coefficientunit"}


def migrate(targets):
    """Migrate the test database to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_state():
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def royalty_rows(apps, unit_label):
    Unit = apps.get_model(unit_label, "CoefficientUnit")
    Article = apps.get_model("articles", "Article")
    return (sorted(Unit.objects.values_list("pk", "valid_from", "value", "base_salary", "note")),
            sorted(Article.objects.values_list("pk", "page_count", "photo_count", "coefficient", "fee",
                                               "fee_overridden", "royalty_paid_at")))


def granted(apps):
    Group, User = apps.get_model("auth", "Group"), apps.get_model("auth", "User")
    return (sorted(Group.objects.get(name="Kế toán").permissions.values_list("pk", "content_type__app_label",
                                                                              "codename")),
            sorted(User.objects.get(username="ketoan").user_permissions.values_list(
                "pk", "content_type__app_label", "codename")))


@pytest.mark.django_db(transaction=True)
def test_moving_the_unit_values_to_royalties_keeps_every_row_fee_and_grant(back_to_the_latest_state):
    old = migrate(BEFORE)
    Unit = old.get_model("articles", "CoefficientUnit")
    Unit.objects.all().delete()
    Unit.objects.bulk_create([
        Unit(valid_from=datetime.date(2019, 7, 1), value=149_000, base_salary=1_490_000, note="Nghị định 38/2019"),
        Unit(valid_from=datetime.date(2023, 7, 1), value=180_000, base_salary=1_800_000, note="Nghị định 24/2023"),
        Unit(valid_from=datetime.date(2024, 7, 1), value=234_000),
    ])
    Category, ArticleType = old.get_model("articles", "Category"), old.get_model("articles", "ArticleType")
    Article = old.get_model("articles", "Article")
    category = Category.objects.create(name="Tin", name_vi="Tin", slug="tin-chuyen-bang")
    article_type = ArticleType.objects.create(name="Phóng sự", name_vi="Phóng sự")
    for n, (fee, paid_on) in enumerate([(450_000, datetime.date(2024, 8, 1)), (1_234_567, None), (None, None)]):
        Article.objects.create(
            title=f"Bài {n}", title_vi=f"Bài {n}", slug=f"bai-chuyen-bang-{n}", summary="Tóm tắt", content="<p>x</p>",
            category=category, article_type=article_type, approval="approved", page_count=n + 1, photo_count=n,
            coefficient=Decimal("2.5") + n, fee=fee, fee_overridden=n == 1, royalty_paid_at=paid_on)
    Permission = old.get_model("auth", "Permission")
    unit_permissions = Permission.objects.filter(content_type__app_label="articles", codename__in=UNIT_PERMISSIONS)
    old.get_model("auth", "Group").objects.create(name="Kế toán").permissions.add(*unit_permissions)
    old.get_model("auth", "User").objects.create(username="ketoan").user_permissions.add(
        *unit_permissions.filter(codename="change_coefficientunit"))
    rows, grants = royalty_rows(old, "articles"), granted(old)
    assert len(rows[0]) == 3 and len(rows[1]) == 3 and len(grants[0]) == 3 and len(grants[1]) == 1

    new = migrate(AFTER)

    assert royalty_rows(new, "royalties") == rows
    moved = tuple([(pk, "royalties", codename) for pk, _app, codename in grant] for grant in grants)
    assert granted(new) == moved  # the same permission rows, now the royalties app's
    tables = connection.introspection.table_names()
    assert "royalties_coefficientunit" in tables and "articles_coefficientunit" not in tables
    assert not ContentType.objects.filter(app_label="articles", model="coefficientunit").exists()
    # The current models read the moved rows, add to them, and the grants hold.
    assert CoefficientUnit.value_on(datetime.date(2024, 6, 30)) == 180_000
    CoefficientUnit.objects.create(valid_from=datetime.date(2026, 7, 1), value=253_000)
    assert CoefficientUnit.objects.count() == 4
    assert get_user_model().objects.get(username="ketoan").has_perm("royalties.change_coefficientunit")
