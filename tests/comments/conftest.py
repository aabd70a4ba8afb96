import pytest
from django.contrib.auth.models import Group

from portal.roles import MODERATORS


@pytest.fixture(autouse=True)
def _comment_settings(settings):
    # Mail is sent in the test's thread so mail.outbox sees it.
    settings.COMMENTS_NOTIFY_ASYNC = False
    settings.COMMENTS_RATE_LIMIT = 3


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("moderator1", "moderator1@example.gov.vn", "pass-Word-123",
                                                 is_staff=True, first_name="Kiểm", last_name="Duyệt")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user
