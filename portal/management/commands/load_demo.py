import os
import secrets
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from portal.demo import load_site
from portal.roles import ADMINISTRATORS, APPROVERS, EDITORS, MODERATORS, SECRETARIES

ACCOUNTS = [
    # username, full name, groups, superuser
    ("admin", ("Quản trị", "Hệ thống"), [ADMINISTRATORS, APPROVERS, MODERATORS], True),
    ("editor", ("Biên tập viên", "Nguyễn Thị"), [EDITORS], False),
    ("approver", ("Duyệt bài", "Trần Văn"), [APPROVERS, MODERATORS], False),
    ("secretary", ("Thư ký", "Lê Văn"), [SECRETARIES], False),
]


class Command(BaseCommand):
    help = "Create the demo portal: settings, accounts, articles, royalties, comments and statistics (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_site()
            users = self.accounts()
        # Each app adds its own demo content (a `load(*, users, stdout)` in its demo module), in
        # the order of INSTALLED_APPS, but those whose demo says RUNS_LAST (royalties: it fixes the
        # fees of every app's demo articles) after the others; each step is idempotent and skips
        # what exists. Found, not imported by name: the portal imports no app.
        demos = [import_module(f"{config.name}.demo") for config in apps.get_app_configs()
                 if config.name != "portal" and module_has_submodule(config.module, "demo")]
        for demo in sorted(demos, key=lambda module: getattr(module, "RUNS_LAST", False)):
            load = getattr(demo, "load", None)
            if load is not None:
                load(users=users, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo portal ready."))

    def accounts(self):
        User = get_user_model()
        wanted = os.environ.get("DEMO_PASSWORD", "")
        generated = None
        users = {}
        for username, (first, last), groups, superuser in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                password = wanted or generated or secrets.token_urlsafe(9)
                if not wanted:
                    generated = password
                user = User.objects.create_user(username, f"{username}@example.gov.vn", password,
                                                first_name=first, last_name=last, is_staff=True,
                                                is_superuser=superuser)
            elif wanted and not user.check_password(wanted):
                # DEMO_PASSWORD set again later resets the demo accounts to it.
                user.set_password(wanted)
                user.save(update_fields=["password"])
            user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in groups])
            users[username] = user
        if generated:
            self.stdout.write(self.style.WARNING(
                "\n  Demo accounts admin, editor, secretary and approver were created.\n"
                f"  Their password (shown only this once): {generated}\n"
                "  Set DEMO_PASSWORD=... and run load_demo again to choose another.\n"))
        else:
            self.stdout.write("Demo accounts: admin, editor, secretary, approver "
                              "(password: DEMO_PASSWORD, or the one printed on the first run).")
        return users
