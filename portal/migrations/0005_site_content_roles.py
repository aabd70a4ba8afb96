from django.db import migrations

from portal.roles import ADMINISTRATORS, APPROVERS, grant


def crud(*models):
    return [f"portal.{action}_{model}" for model in models for action in ("add", "change", "delete", "view")]


def forwards(apps, schema_editor):
    # Administrators keep the site's settings, its About page and its links and banners;
    # approvers (the editorial board) run the home page's campaign banners too.
    grant(apps, ADMINISTRATORS, [
        "portal.change_sitesettings", "portal.view_sitesettings", "portal.change_aboutpage", "portal.view_aboutpage",
        *crud("contact", "leader", "unit", "linkgroup", "link", "banner"),
    ])
    grant(apps, APPROVERS, crud("banner"))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_about_page_links_banners"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
