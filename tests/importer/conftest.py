import pytest
from django.contrib.auth.models import Group

from importer import generator
from portal.roles import ADMINISTRATORS
from tests.conftest import make_staff


@pytest.fixture(scope="session")
def export(tmp_path_factory):
    """The synthetic export of 500 items in every format (written once for the session)."""
    return generator.write(tmp_path_factory.mktemp("export"), count=500)


@pytest.fixture(scope="session")
def small_export(tmp_path_factory):
    """Its first 40 items, for the tests that import every item."""
    return generator.write(tmp_path_factory.mktemp("small"), count=40, pool=6)


@pytest.fixture
def administrator(db, django_user_model):
    user = make_staff(django_user_model, "admin1", ADMINISTRATORS)
    assert Group.objects.filter(name=ADMINISTRATORS).exists()
    return user
