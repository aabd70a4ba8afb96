from django.db import migrations

from portal.roles import APPROVERS, EDITORS, grant


def roles(apps, schema_editor):
    # Editors upload and describe images and build photo stories and videos; only approvers
    # delete from the library (an image may be in other editors' articles).
    story = [f"multimedia.{action}_{model}" for model in ("galleryphoto", "video")
             for action in ("add", "change", "view", "delete")]
    library = [f"multimedia.{action}_image" for action in ("add", "change", "view")]
    grant(apps, EDITORS, story + library)
    grant(apps, APPROVERS, story + library + ["multimedia.delete_image"])


class Migration(migrations.Migration):
    dependencies = [
        ("multimedia", "0001_initial"),
        ("articles", "0002_roles_and_defaults"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
