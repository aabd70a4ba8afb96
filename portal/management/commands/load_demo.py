import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import load_site
from portal.roles import ADMINISTRATORS, APPROVERS, EDITORS, MODERATORS

ACCOUNTS = [
    # username, full name, groups, superuser
    ("admin", ("Quản trị", "Hệ thống"), [ADMINISTRATORS, APPROVERS, MODERATORS], True),
    ("editor", ("Biên tập viên", "Nguyễn Thị"), [EDITORS], False),
    ("approver", ("Duyệt bài", "Trần Văn"), [APPROVERS, MODERATORS], False),
]


class Command(BaseCommand):
    help = "Create the demo portal: settings, accounts, articles, royalties, comments and statistics (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_site()
            users = self.accounts()
        # Each app adds its own demo content; each step is idempotent and skips what exists.
        from articles.demo import load_articles

        load_articles(users, self.stdout)
        try:
            from royalties.demo import load_royalties
        except ImportError:
            load_royalties = None
        if load_royalties:
            load_royalties(self.stdout)
        try:
            from comments.demo import load_comments
        except ImportError:
            load_comments = None
        if load_comments:
            load_comments(users, self.stdout)
        try:
            from stats.demo import load_statistics
        except ImportError:
            load_statistics = None
        if load_statistics:
            load_statistics(self.stdout)
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
                "\n  Demo accounts admin, editor and approver were created.\n"
                f"  Their password (shown only this once): {generated}\n"
                "  Set DEMO_PASSWORD=... and run load_demo again to choose another.\n"))
        else:
            self.stdout.write("Demo accounts: admin, editor, approver "
                              "(password: DEMO_PASSWORD, or the one printed on the first run).")
        return users
