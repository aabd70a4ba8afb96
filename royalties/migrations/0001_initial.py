"""CoefficientUnit, taken over from articles with its rows, its permissions and their grants."""

import datetime

from django.db import migrations, models

from portal.roles import APPROVERS, grant

UNIT_VALUES = [
    (datetime.date(2023, 7, 1), 180_000, 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 234_000, 2_340_000, "Nghị định 73/2024/NĐ-CP"),
    (datetime.date(2026, 7, 1), 253_000, 2_530_000, "Lương cơ sở từ 01/07/2026"),
]


def move_content_type(apps, schema_editor, source="articles", target="royalties"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    moving = ContentType.objects.filter(app_label=source, model="coefficientunit").first()
    if moving is None:
        return
    present = ContentType.objects.filter(app_label=target, model="coefficientunit").first()
    if present is None:
        # Renamed in place, so its permissions, every group's and user's grant of them and the
        # admin history follow the model.
        moving.app_label = target
        moving.save(update_fields=["app_label"])
        return
    # Both exist when post_migrate ran in between: the grants go over to the target's permissions.
    for old in Permission.objects.filter(content_type=moving):
        new, _created = Permission.objects.get_or_create(content_type=present, codename=old.codename,
                                                         defaults={"name": old.name})
        new.group_set.add(*old.group_set.all())
        new.user_set.add(*old.user_set.all())
    moving.delete()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="royalties", target="articles")


def reference_values(apps, schema_editor):
    CoefficientUnit = apps.get_model("royalties", "CoefficientUnit")
    # Only a fresh database: an existing one keeps the values and grants its office made (or removed).
    if CoefficientUnit.objects.exists():
        return
    CoefficientUnit.objects.bulk_create(
        CoefficientUnit(valid_from=valid_from, value=value, base_salary=base, note=note)
        for valid_from, value, base, note in UNIT_VALUES)
    grant(apps, APPROVERS, ["royalties.view_coefficientunit", "royalties.add_coefficientunit",
                            "royalties.change_coefficientunit"])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0006_coefficientunit_to_royalties"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # State only: articles 0006 renamed the table to royalties_coefficientunit, rows and all.
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="CoefficientUnit",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                               verbose_name="ID")),
                    ("valid_from", models.DateField(unique=True, verbose_name="valid from")),
                    ("value", models.PositiveIntegerField(verbose_name="value of one unit (VND)")),
                    ("base_salary", models.PositiveIntegerField(blank=True, null=True,
                                                                verbose_name="statutory base salary (VND)")),
                    ("note", models.CharField(blank=True, max_length=200, verbose_name="legal basis")),
                ],
                options={
                    "verbose_name": "coefficient unit value",
                    "verbose_name_plural": "coefficient unit values",
                    "ordering": ["-valid_from"],
                },
            ),
        ]),
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.RunPython(reference_values, migrations.RunPython.noop),
    ]
