from django.db import migrations

from portal.roles import ADMINISTRATORS, grant


def forwards(apps, schema_editor):
    grant(apps, ADMINISTRATORS, ["stats.view_statistics"])


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
        ("articles", "0002_roles_and_defaults"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
