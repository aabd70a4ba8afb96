"""The upload page and the report (administrators only), the old addresses' list."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from importer.models import ImportRun, OldAddress
from portal.roles import ADMINISTRATORS

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:importer_upload")


def _zip(folder, names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            for path in (folder / name).rglob("*"):
                if path.is_file():
                    archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def test_administrators_have_the_import_permission():
    assert Group.objects.get(name=ADMINISTRATORS).permissions.filter(codename="import_portal").exists()


def test_an_administrator_uploads_an_export_and_reads_its_report(client, administrator, small_export):
    client.force_login(administrator)
    page = client.get(UPLOAD)
    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    archive = SimpleUploadedFile("tin-tuc.zip", _zip(small_export, ["json", "media"]))
    response = client.post(UPLOAD, {"export": archive})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("admin:importer_importrun_change",
                                                                            args=[run.pk])
    assert Article.objects.count() == 40
    report = client.get(response["Location"])
    assert report.status_code == 200
    text = report.content.decode()
    assert 'max="40" value="40"' in text and "thieu.pdf" in text and "rong.docx" in text
    download = client.get(reverse("admin:importer_report", args=[run.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert "thieu.pdf" in download.content.decode()
    assert "@example.gov.vn" not in download.content.decode() + text  # nothing personal in the report


def test_a_json_page_alone_can_be_uploaded_with_a_mapping(client, administrator, tmp_path):
    client.force_login(administrator)
    export = SimpleUploadedFile("items.json", '{"d": {"results": [{"Id": 9, "TieuDeBai": "Một bài", '
                                              '"Body": "<p>Chữ</p>"}]}}'.encode())
    mapping = SimpleUploadedFile("map.yaml", "columns: {TieuDeBai: title}\n".encode())
    response = client.post(UPLOAD, {"export": export, "mapping": mapping})
    assert response.status_code == 302
    assert Article.objects.get().title_vi == "Một bài"


@pytest.mark.parametrize("name, content, message", [
    ("virus.exe", b"MZ", "JSON, CSV, XLSX hoặc ZIP"),
    ("broken.zip", b"PK\x03\x04 not a zip", "Không đọc được tệp ZIP"),
    ("empty.json", b"{}", "không có danh sách d.results"),
    ("bad.json", b"\xff\xfe{", "không phải trang JSON"),
])
def test_a_bad_upload_is_a_form_error_not_a_500(client, administrator, name, content, message):
    client.force_login(administrator)
    response = client.post(UPLOAD, {"export": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_a_zip_naming_a_place_outside_itself_is_refused(client, administrator, tmp_path):
    client.force_login(administrator)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../evil.json", '{"value": []}')
    response = client.post(UPLOAD, {"export": SimpleUploadedFile("evil.zip", buffer.getvalue())})
    assert response.status_code == 400 and "ra ngoài chính nó" in response.content.decode()


def test_a_bad_mapping_is_a_form_error(client, administrator):
    client.force_login(administrator)
    response = client.post(UPLOAD, {"export": SimpleUploadedFile("items.json", b'{"value": []}'),
                                    "mapping": SimpleUploadedFile("map.yaml", b"columns: {A: nowhere}")})
    assert response.status_code == 400 and "nowhere" in response.content.decode()


def test_editors_and_approvers_may_not_import(client, editor, approver):
    run = ImportRun.objects.create(source="x.json", digest="0" * 64)
    for user in (editor, approver):
        client.force_login(user)
        assert client.get(UPLOAD).status_code == 403
        assert client.get(reverse("admin:importer_report", args=[run.pk])).status_code == 403
        assert client.get(reverse("admin:importer_oldaddress_changelist")).status_code == 403
        assert client.post(UPLOAD, {"export": SimpleUploadedFile("a.json", b"{}")}).status_code == 403
    client.logout()
    assert client.get(UPLOAD).status_code == 302  # to the sign-in page


def test_the_old_addresses_are_listed_and_searched(client, administrator, article):
    OldAddress.objects.create(path="/Pages/Dan-van-kheo.aspx", article=article)
    OldAddress.objects.create(path="/Lists/TinTuc/DispForm.aspx?ID=77", article=article)
    client.force_login(administrator)
    listing = client.get(reverse("admin:importer_oldaddress_changelist"))
    assert listing.status_code == 200 and "/Pages/Dan-van-kheo.aspx" in listing.content.decode()
    found = client.get(reverse("admin:importer_oldaddress_changelist"), {"q": "ID=77"}).content.decode()
    assert "DispForm.aspx?ID=77" in found and "Dan-van-kheo" not in found


def test_an_old_address_taken_twice_is_a_form_error(client, administrator, article):
    OldAddress.objects.create(path="/Pages/Dan-van-kheo.aspx", article=article)
    client.force_login(administrator)
    response = client.post(reverse("admin:importer_oldaddress_add"),
                           {"path": "/pages/DAN-VAN-KHEO.aspx", "article": article.pk})
    assert response.status_code == 200 and OldAddress.objects.count() == 1
    assert "đã dẫn tới một bài viết" in response.content.decode()
