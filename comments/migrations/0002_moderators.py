from django.db import migrations

from portal.roles import APPROVERS, MODERATORS, grant

MODERATION = ["comments.view_comment", "comments.change_comment", "comments.delete_comment"]


def forwards(apps, schema_editor):
    grant(apps, MODERATORS, MODERATION)
    # Approvers moderate comments too.
    grant(apps, APPROVERS, MODERATION)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles_and_defaults"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
