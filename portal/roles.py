"""The staff roles, as groups with exactly the permissions they need.

Data migrations call ``grant`` so a fresh database has the groups; permissions are
created on the spot because Django only makes them after all migrations have run.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
APPROVERS = "Approvers"
MODERATORS = "Moderators"
ADMINISTRATORS = "Administrators"
# The middle level of a two- or three-level approval (thư ký tòa soạn): checks, forwards or returns.
SECRETARIES = "Section secretaries"


def grant(apps, group_name: str, codenames: list[str]) -> None:
    """Give the group these "app_label.codename" permissions (kept idempotent)."""
    for app_config in apps.get_app_configs():
        # create_permissions skips app configs without a models module, as migration states have.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for label in codenames:
        app_label, codename = label.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
