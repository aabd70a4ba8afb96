"""A published article corrected through the levels: readers keep the published text until the
new version is approved; then the article, at its address and with its reads, comments and fee,
says the new text."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from reversion.models import Version

from articles import services
from articles.models import ApprovalLevel, Article, Attachment
from articles.new_versions import article_new_version
from portal.roles import APPROVERS, SECRETARIES
from tests.articles.test_admin import article_data, change_url
from tests.comments.helpers import make_comment
from tests.conftest import make_article, make_staff


@pytest.fixture
def secretary(db, django_user_model):
    return make_staff(django_user_model, "secretary1", SECRETARIES)


@pytest.fixture
def published(category, editor, approver):
    article = make_article(category, title="Bản đang đăng", created_by=editor, approval=Article.Approval.DRAFT,
                           coefficient="3")
    services.article_approve(article=article, by=approver)
    Attachment.objects.create(article=article, title_vi="Kế hoạch", file="attachments/ke-hoach.pdf")
    Article.objects.filter(pk=article.pk).update(read_count=F("read_count") + 3207)
    make_comment(article).approve(by=approver)
    article.refresh_from_db()
    return article


def test_a_new_version_passes_the_levels_while_readers_keep_the_published_text(
        client, published, editor, secretary, approver, category, news_type):
    ApprovalLevel.objects.create(position=1, name="Kiểm tra", group=Group.objects.get(name=SECRETARIES))
    ApprovalLevel.objects.create(position=2, name="Duyệt", group=Group.objects.get(name=APPROVERS))
    fee, address = published.fee, published.get_absolute_url()
    client.force_login(editor)
    page = client.get(change_url(published)).text
    assert "new-version/" in page and 'name="title_vi"' not in page  # read-only, with the button
    response = client.post(f"/admin/articles/article/{published.pk}/new-version/")
    copy = Article.objects.get(new_version_of=published)
    assert response.status_code == 302 and response.url == change_url(copy)
    assert copy.attachments.count() == 1 and copy.title_vi == "Bản đang đăng"
    # A second click opens the same new version.
    client.post(f"/admin/articles/article/{published.pk}/new-version/")
    assert Article.objects.filter(new_version_of=published).count() == 1
    client.post(change_url(copy), article_data(client, category, news_type, url=change_url(copy),
                                               title_vi="Bản đã sửa", _submit="1"))
    copy.refresh_from_db()
    assert (copy.approval, copy.approval_level, copy.title_vi) == ("pending", 1, "Bản đã sửa")
    # The checkers see what the new version changes in the published text.
    client.force_login(secretary)
    changes = f"/admin/articles/article/{copy.pk}/published-changes/"
    assert changes in client.get(change_url(copy)).text
    html = client.get(changes).text
    assert "<del>- Bản đang đăng</del>" in html and "<ins>+ Bản đã sửa</ins>" in html
    assert client.get(f"/admin/articles/article/{published.pk}/published-changes/").status_code == 404
    reader = client.__class__()
    assert "Bản đang đăng" in reader.get(address).text  # readers keep the published text
    assert reader.get(copy.get_absolute_url()).status_code == 404  # the new version is not public
    services.article_forward(article=copy, by=secretary)
    client.force_login(approver)
    response = client.post(change_url(copy), article_data(client, category, news_type, url=change_url(copy),
                                                          title_vi="Bản đã sửa", _approve="1", _continue="1"))
    assert response.status_code == 302 and response.url == change_url(published)  # the approved text's home
    assert not Article.objects.filter(pk=copy.pk).exists()
    published.refresh_from_db()
    assert published.title_vi == "Bản đã sửa" and published.get_absolute_url() == address
    assert (published.approval, published.fee, published.read_count, published.comment_count) == \
        ("approved", fee, 3207, 1)
    assert published.attachments.count() == 1
    assert "Bản đã sửa" in reader.get(address).text
    actions = list(published.transitions.values_list("action", flat=True))
    assert actions[-4:] == ["revise", "submit", "forward", "approve"]
    assert Version.objects.get_for_object(published).count() >= 2  # the new version's edits are its history
    assert not Version.objects.get_deleted(Article).exists()  # nothing to "recover"
    # A version saved while it was a new version restores into the published article.
    version = Version.objects.get_for_object(published).first()
    client.force_login(approver)
    url = f"/admin/articles/article/{published.pk}/history/{version.pk}/"
    response = client.post(url, article_data(client, category, news_type, url=url, title_vi="Bản đã sửa lại",
                                             is_shown="on"))
    assert response.status_code == 302
    assert list(Article.objects.values_list("pk", flat=True)) == [published.pk]
    published.refresh_from_db()
    assert published.title_vi == "Bản đã sửa lại" and published.read_count == 3207


def test_only_its_editor_or_an_approver_starts_a_new_version(client, published, other_editor, approver, category,
                                                               django_user_model):
    with pytest.raises(PermissionDenied):
        article_new_version(article=published, by=other_editor)
    client.force_login(other_editor)
    assert client.post(f"/admin/articles/article/{published.pk}/new-version/").status_code == 403
    assert client.get(f"/admin/articles/article/{published.pk}/new-version/").status_code == 405
    draft = make_article(category, title="Bản nháp", approval=Article.Approval.DRAFT)
    with pytest.raises(ValidationError):
        article_new_version(article=draft, by=approver)
    copy = article_new_version(article=published, by=approver)
    stranger = make_staff(django_user_model, "stranger", "Moderators")
    client.force_login(stranger)
    assert client.get(f"/admin/articles/article/{copy.pk}/published-changes/").status_code in (403, 404)
    client.force_login(approver)
    assert client.post("/admin/articles/article/999999/new-version/").status_code == 404
    assert client.post(f"/admin/articles/article/{draft.pk}/new-version/").status_code == 302
    assert not Article.objects.filter(new_version_of=draft).exists()
