from django.db import migrations

from portal.roles import ADMINISTRATORS, grant


def forwards(apps, schema_editor):
    # Only administrators import the old portal and look after its old addresses.
    grant(apps, ADMINISTRATORS, ["importer.import_portal", "importer.view_importrun", "importer.view_oldaddress",
                                 "importer.add_oldaddress", "importer.change_oldaddress",
                                 "importer.delete_oldaddress"])


class Migration(migrations.Migration):
    dependencies = [
        ("importer", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
