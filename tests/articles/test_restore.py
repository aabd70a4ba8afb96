"""Restoring an earlier version brings back what the article said, never its counts, its
workflow, its approver or its fee; only those who may change the article now may restore it, and
only approvers may recover a deleted one."""

import re

import pytest
from django.db.models import F
from django.test import Client
from reversion.models import Version

from articles import services
from articles.models import Article, Transition
from comments.models import Comment
from tests.articles.test_admin import ADD_URL, article_data, change_url
from tests.comments.helpers import make_comment

ARTICLES = "/admin/articles/article/"


def versions_of(article):
    return Version.objects.get_for_object(article)


def revision_url(article, version):
    return f"{ARTICLES}{article.pk}/history/{version.pk}/"


@pytest.fixture
def published(client, approver, category, news_type):
    """An article written in two versions, approved (its fee fixed), read 3,207 times, with two
    approved comments."""
    client.force_login(approver)
    client.post(ADD_URL, article_data(client, category, news_type, title_vi="Phiên bản đầu", coefficient="4",
                                           is_shown="on"))
    article = Article.objects.get()
    client.post(change_url(article), article_data(client, category, news_type, url=change_url(article),
                                                  title_vi="Phiên bản được duyệt", coefficient="4",
                                                  is_shown="on"))
    services.article_approve(article=article, by=approver)
    Article.objects.filter(pk=article.pk).update(read_count=F("read_count") + 3207)
    for n in range(2):
        make_comment(article, body=f"Ý kiến số {n} của bạn đọc.").approve(by=approver)
    article.refresh_from_db()
    assert article.fee and article.comment_count == 2 and article.read_count == 3207
    return article


def test_an_approvers_restore_brings_back_the_text_and_keeps_everything_else(client, approver, category,
                                                                             news_type, published):
    before = Article.objects.values("approval", "approved_by", "approved_at", "fee", "read_count",
                                    "comment_count", "publish_at", "is_shown", "slug").get(pk=published.pk)
    assert before["is_shown"]
    oldest = versions_of(published).last()
    url = revision_url(published, oldest)
    page = client.get(url)
    assert page.status_code == 200 and "Phiên bản đầu" in page.text
    response = client.post(url, article_data(client, category, news_type, url=url, title_vi="Phiên bản đầu"))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title_vi == "Phiên bản đầu"
    after = Article.objects.values(*before).get(pk=published.pk)
    assert after == before
    assert Comment.objects.visible().filter(article=published).count() == 2
    # Published still: readers see the restored text at once.
    reader = client.__class__()
    page = reader.get(published.get_absolute_url())
    assert page.status_code == 200 and "Phiên bản đầu" in page.text
    step = Transition.objects.filter(article=published).last()
    assert step.action == Transition.Action.RESTORE and step.by == approver
    assert step.to_status == Article.Approval.APPROVED
    assert "Restored the version of" in step.reason or "Đã khôi phục phiên bản" in step.reason
    history = client.get(change_url(published)).text
    assert step.reason in history


def test_a_restore_that_fails_validation_changes_nothing(client, approver, category, news_type, published):
    oldest = versions_of(published).last()
    url = revision_url(published, oldest)
    response = client.post(url, article_data(client, category, news_type, url=url, title_vi=""))
    assert response.status_code == 200  # the form again, with its error
    published.refresh_from_db()
    assert published.title_vi == "Phiên bản được duyệt" and published.read_count == 3207
    assert published.approval == Article.Approval.APPROVED
    assert not Transition.objects.filter(article=published, action=Transition.Action.RESTORE).exists()


def test_an_editors_restore_of_their_published_article_is_a_new_version(client, editor, category, news_type, approver):
    client.force_login(editor)
    client.post(ADD_URL, article_data(client, category, news_type, title_vi="Bản nháp một"))
    article = Article.objects.get()
    client.post(change_url(article), article_data(client, category, news_type, url=change_url(article),
                                                  title_vi="Bản nháp hai"))
    services.article_submit(article=article, by=editor)
    services.article_approve(article=article, by=approver)
    Article.objects.filter(pk=article.pk).update(is_shown=True)
    oldest = versions_of(article).last()
    url = revision_url(article, oldest)
    assert 'name="title_vi"' not in client.get(change_url(article)).text  # no edit of the published text
    # A restore makes the old text a new version, for approval: the published text stays.
    page = client.get(url)
    assert page.status_code == 200 and 'name="title_vi"' not in page.text
    response = client.post(url, article_data(client, category, news_type, url=ADD_URL, title_vi="Bản nháp ba"))
    copy = Article.objects.get(new_version_of=article)
    assert response.status_code == 302 and response.url == change_url(copy)
    assert copy.title_vi == "Bản nháp một" and copy.approval == Article.Approval.DRAFT  # the version's, not the POST's
    assert copy.transitions.filter(action=Transition.Action.RESTORE).exists()
    article.refresh_from_db()
    assert article.title_vi == "Bản nháp hai" and article.approval == Article.Approval.APPROVED
    assert reader_sees(article, "Bản nháp hai")


def test_someone_elses_published_article_cannot_be_restored(client, other_editor, category, published):
    client.force_login(other_editor)
    url = revision_url(published, versions_of(published).last())
    assert client.get(url).status_code == 403 and client.post(url, {}).status_code == 403
    assert not Article.objects.filter(new_version_of=published).exists()


def reader_sees(article, text):
    return text in Client().get(article.get_absolute_url()).text


def test_an_editors_restore_of_their_own_draft_keeps_it_where_it_was(client, editor, category, news_type):
    client.force_login(editor)
    client.post(ADD_URL, article_data(client, category, news_type, title_vi="Bản nháp một"))
    article = Article.objects.get()
    client.post(change_url(article), article_data(client, category, news_type, url=change_url(article),
                                                  title_vi="Bản nháp hai"))
    services.article_submit(article=article, by=editor)
    url = revision_url(article, versions_of(article).last())
    response = client.post(url, article_data(client, category, news_type, url=url, title_vi="Bản nháp một"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_vi == "Bản nháp một"
    assert article.approval == Article.Approval.PENDING and article.approval_level == 1
    assert article.created_by == editor


def test_a_version_of_another_article_is_not_found(client, approver, category, news_type, published):
    other = Article.objects.create(title_vi="Bài khác", summary_vi="Tóm tắt", content_vi="<p>x</p>",
                                   category=category)
    version = versions_of(published).last()
    assert client.get(revision_url(other, version)).status_code == 404
    assert client.get(f"{ARTICLES}{published.pk}/history/999999/").status_code == 404


def test_only_approvers_recover_a_deleted_article(client, editor, approver, category, news_type, published):
    deleted_pk = published.pk
    client.post(f"{ARTICLES}{deleted_pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=deleted_pk).exists()
    version = Version.objects.get_deleted(Article).get(object_id=str(deleted_pk))
    client.force_login(editor)
    assert client.get(f"{ARTICLES}recover/").status_code == 403
    assert client.get(f"{ARTICLES}recover/{version.pk}/").status_code == 403
    assert client.post(f"{ARTICLES}recover/{version.pk}/", {}).status_code == 403
    assert not Article.objects.filter(pk=deleted_pk).exists()
    client.force_login(approver)
    url = f"{ARTICLES}recover/{version.pk}/"
    assert client.get(f"{ARTICLES}recover/").status_code == 200
    response = client.post(url, article_data(client, category, news_type, url=url,
                                             title_vi="Phiên bản được duyệt"))
    assert response.status_code == 302
    recovered = Article.objects.get(pk=deleted_pk)
    assert recovered.title_vi == "Phiên bản được duyệt"
    assert recovered.approval == Article.Approval.DRAFT  # it goes through approval again
    step = Transition.objects.get(article=recovered)
    assert step.action == Transition.Action.RESTORE and step.by == approver


def test_versions_never_hold_counts_workflow_or_fee(published):
    stored = versions_of(published).first().field_dict
    for name in ("read_count", "comment_count", "approval", "approval_level", "approved_by_id", "fee"):
        assert name not in stored and name.removesuffix("_id") not in stored


# -- comparing versions ---------------------------------------------------------------------------

def test_any_two_versions_are_compared_field_by_field_and_language_by_language(client, category, news_type,
                                                                              published):
    history = client.get(f"{ARTICLES}{published.pk}/history/").text
    assert history.count('name="version_id1"') == 2 and "style=" not in history.split('id="change-history"')[1]
    newest, oldest = versions_of(published)[0], versions_of(published)[1]
    page = client.get(f"{ARTICLES}{published.pk}/history/compare/",
                      {"version_id1": oldest.pk, "version_id2": newest.pk})
    assert page.status_code == 200
    html = page.text
    # Each language's field apart, the old line struck out, the new one inserted.
    assert re.search(r"<h3>[^<]*\[vi\]</h3>\s*(<p[^>]*>[^<]*</p>\s*)?<div class=\"module\">\s*<pre class=\"highlight\">"
                     r"<del>- Phiên bản đầu</del>\s*<ins>\+ Phiên bản được duyệt</ins>", html)
    assert "người duyệt" not in html and "approved by" not in html  # the workflow is not a version's


def test_the_comparison_refuses_bad_or_foreign_versions_and_strangers(client, category, news_type, published,
                                                                      django_user_model):
    url = f"{ARTICLES}{published.pk}/history/compare/"
    assert client.get(url, {"version_id1": "abc", "version_id2": "1"}).status_code == 404
    assert client.get(url).status_code == 404
    other = Article.objects.create(title_vi="Bài khác", summary_vi="Tóm tắt", content_vi="<p>x</p>", category=category)
    version = versions_of(published)[0]
    assert client.get(f"{ARTICLES}{other.pk}/history/compare/",
                      {"version_id1": version.pk, "version_id2": version.pk}).status_code == 404
    stranger = django_user_model.objects.create_user("stranger", "s@example.gov.vn", "pass-Word-123", is_staff=True)
    client.force_login(stranger)
    assert client.get(url, {"version_id1": version.pk, "version_id2": version.pk}).status_code == 403


def test_the_change_form_shows_what_changed_since_the_published_version(client, approver, category, news_type,
                                                                        published):
    assert "?version_id1=" not in client.get(change_url(published)).text  # nothing changed yet
    client.post(change_url(published), article_data(client, category, news_type, url=change_url(published),
                                                     title_vi="Bản sửa sau khi đăng", is_shown="on"))
    services.article_unpublish(article=published, by=approver)
    services.article_submit(article=published, by=approver)
    link = re.search(r'<a href="([^"]+version_id1=[^"]+)">', client.get(change_url(published)).text)
    assert link
    page = client.get(link.group(1).replace("&amp;", "&")).text
    assert "sửa sau khi đăng" in page and "được duyệt" in page
