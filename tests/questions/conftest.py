import pytest
from django.contrib.auth.models import Group

from portal.roles import APPROVERS, MODERATORS
from questions.models import Topic


@pytest.fixture(autouse=True)
def _question_settings(settings):
    # Mail is sent in the test's thread so mail.outbox sees it.
    settings.COMMENTS_NOTIFY_ASYNC = False
    settings.QUESTIONS_RATE_LIMIT = 3


def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.gov.vn", "pass-Word-123",
                                                 is_staff=True, first_name=username.title())
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def answerer(db, django_user_model):
    """A moderator: answers questions, cannot publish the answers."""
    return _staff(django_user_model, "traloi1", MODERATORS)


@pytest.fixture
def publisher(db, django_user_model):
    """An approver: answers and publishes."""
    return _staff(django_user_model, "duyet1", APPROVERS)


@pytest.fixture
def licensing(db):
    return Topic.objects.get(slug="cap-phep")


@pytest.fixture
def telecoms(db):
    return Topic.objects.get(slug="vien-thong")
