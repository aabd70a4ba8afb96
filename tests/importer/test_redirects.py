"""Every old address answers 301 to the new article, looked up in one indexed query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from importer.mapping import Mapping
from importer.models import OldAddress
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def old(article):
    for path in ("/Pages/Dan-van-kheo.aspx", "/Lists/TinTuc/DispForm.aspx?ID=123", "/tin-tuc/dan-van-kheo.html"):
        OldAddress.objects.create(path=path, article=article)
    return article


@pytest.mark.parametrize("address", [
    "/Pages/Dan-van-kheo.aspx", "/pages/dan-van-kheo.aspx", "/sites/bdv/Pages/Dan-van-kheo.aspx",
    "/Lists/TinTuc/DispForm.aspx?ID=123", "/Lists/TinTuc/DispForm.aspx?ID=123&Source=%2Fsites%2Fbdv",
    "/sites/bdv/lists/tintuc/dispform.aspx?id=123", "/tin-tuc/dan-van-kheo.html", "/Pages/Dan%2Dvan%2Dkheo.aspx",
])
def test_old_addresses_answer_301_to_the_new_article(client, old, address):
    response = client.get(address)
    assert response.status_code == 301
    assert response["Location"] == old.get_absolute_url()


def test_the_redirect_follows_the_readers_language(client, old):
    response = client.get("/Pages/Dan-van-kheo.aspx", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == f"/en/articles/{old.slug}/"


@pytest.mark.parametrize("address", ["/Pages/Khac.aspx", "/Lists/TinTuc/DispForm.aspx?ID=124",
                                     "/Lists/TinTuc/DispForm.aspx", "/Pages/" + "x" * 3000 + ".aspx",
                                     "/Pages/%ff%fe.aspx", "/Lists/TinTuc/DispForm.aspx?ID=" + "9" * 40,
                                     "/Pages/%2500.aspx", "/Lists/TinTuc/DispForm.aspx?ID=%2500"])
def test_unknown_or_hostile_old_addresses_are_plain_404s(client, old, address):
    assert client.get(address).status_code == 404


def test_only_reads_are_redirected(client, old):
    assert client.post("/Pages/Dan-van-kheo.aspx").status_code in (403, 404, 405)


def test_a_working_page_is_never_redirected(client, old):
    OldAddress.objects.create(path=old.get_absolute_url(), article=make_article(old.category, title="Khác",
                                                                                 title_en="Other"))
    assert client.get(old.get_absolute_url()).status_code == 200


def _lookups(client, address):
    with CaptureQueriesContext(connection) as queries:
        client.get(address)
    return [query["sql"] for query in queries if "importer_oldaddress" in query["sql"]]


def test_the_lookup_is_one_query_however_many_addresses(client, old, category):
    assert len(_lookups(client, "/Lists/TinTuc/DispForm.aspx?ID=123&Source=x&a=1&b=2")) == 1
    for n in range(200):
        OldAddress.objects.create(path=f"/Pages/bai-{n}.aspx", article=old)
    assert len(_lookups(client, "/Lists/TinTuc/DispForm.aspx?ID=123&Source=x&a=1&b=2")) == 1
    assert OldAddress._meta.get_field("key").unique  # the lookup reads the unique index


def test_mapping_declares_other_forms_of_old_addresses(tmp_path):
    (tmp_path / "map.json").write_text('{"old_addresses": ["/tin/{id}/{friendly_name}.htm"]}')
    mapping = Mapping.load(tmp_path / "map.json")
    assert mapping.addresses("12", "Bai-Viet")[-1] == "/tin/12/Bai-Viet.htm"
    assert mapping.addresses("12", "")[-1] == "/Lists/TinTuc/DispForm.aspx?ID=12"
