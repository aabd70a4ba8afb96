import pytest
from django.contrib.auth.models import Group
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from comments.models import Comment
from portal.roles import APPROVERS, MODERATORS

from .helpers import make_comment

Status = Comment.Status
CHANGELIST = "/admin/comments/comment/"


def count_of(article):
    article.refresh_from_db()
    return article.comment_count


@pytest.mark.parametrize("group", [MODERATORS, APPROVERS])
def test_moderators_and_approvers_may_moderate_comments(db, group):
    codenames = set(Group.objects.get(name=group).permissions.filter(content_type__app_label="comments")
                    .values_list("codename", flat=True))
    assert codenames == {"view_comment", "change_comment", "delete_comment"}


def test_the_list_shows_article_name_email_excerpt_status_and_date(client, moderator, article):
    make_comment(article, name="Lê Văn Tâm", email="tam@example.com", body="Một ý kiến đáng chú ý.",
                 status=Status.PENDING)
    client.force_login(moderator)
    html = client.get(CHANGELIST).text
    for text in (article.title, "Lê Văn Tâm", "tam@example.com", "Một ý kiến đáng chú ý.", "Chờ kiểm duyệt"):
        assert text in html


def test_the_list_filters_by_status_and_article_as_the_article_page_links(client, moderator, article, category):
    from tests.conftest import make_article

    other = make_article(category, title="Bài viết khác")
    make_comment(article, body="Chờ duyệt ở bài này.", status=Status.PENDING)
    make_comment(article, body="Đã duyệt ở bài này.")
    make_comment(other, body="Chờ duyệt ở bài khác.", status=Status.PENDING)
    client.force_login(moderator)
    html = client.get(f"{CHANGELIST}?article__id__exact={article.pk}&status__exact=pending").text
    assert "Chờ duyệt ở bài này." in html
    assert "Đã duyệt ở bài này." not in html and "Chờ duyệt ở bài khác." not in html


def test_editors_cannot_moderate(client, editor):
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 403


def test_comments_cannot_be_added_in_the_admin(client, moderator):
    client.force_login(moderator)
    assert client.get(f"{CHANGELIST}add/").status_code == 403


@pytest.mark.parametrize("action, status, counted", [
    ("approve_selected", Status.APPROVED, 2),
    ("reject_selected", Status.REJECTED, 0),
    ("mark_spam_selected", Status.SPAM, 0),
])
def test_bulk_actions_moderate_and_keep_the_count_right(client, moderator, article, action, status, counted):
    comments = [make_comment(article, status=Status.PENDING, body=f"Ý kiến số {n}.") for n in range(2)]
    make_comment(article, body="Đã duyệt từ trước.", status=Status.APPROVED)
    comments.append(Comment.objects.get(body="Đã duyệt từ trước."))
    client.force_login(moderator)
    response = client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments]},
                           follow=True)
    assert response.status_code == 200
    assert set(Comment.objects.values_list("status", flat=True)) == {status}
    assert count_of(article) == counted + (1 if status == Status.APPROVED else 0)
    assert {c.moderated_by for c in Comment.objects.filter(pk__in=[c.pk for c in comments[:2]])} == {moderator}


def test_bulk_approval_shows_the_comments_to_readers(client, moderator, article):
    comment = make_comment(article, status=Status.PENDING, body="Sẽ hiện sau khi duyệt.")
    assert "Sẽ hiện sau khi duyệt." not in client.get(article.get_absolute_url()).text
    client.force_login(moderator)
    client.post(CHANGELIST, {"action": "approve_selected", ACTION_CHECKBOX_NAME: [comment.pk]})
    client.logout()
    assert "Sẽ hiện sau khi duyệt." in client.get(article.get_absolute_url()).text


def test_bulk_delete_keeps_the_count_right(client, moderator, article):
    keep = make_comment(article, body="Giữ lại.")
    gone = [make_comment(article, body="Xóa một."), make_comment(article, body="Xóa hai.", status=Status.SPAM)]
    Comment.update_comment_counts([article.pk])
    assert count_of(article) == 2
    client.force_login(moderator)
    response = client.post(CHANGELIST, {"action": "delete_selected", "post": "yes",
                                        ACTION_CHECKBOX_NAME: [c.pk for c in gone]})
    assert response.status_code == 302
    assert list(Comment.objects.all()) == [keep]
    assert count_of(article) == 1


def test_change_form_approves_and_answers_and_readers_see_both(client, moderator, article):
    comment = make_comment(article, status=Status.PENDING, body="Xin hỏi thời gian tiếp dân?",
                           email="hoi@example.com")
    client.force_login(moderator)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    page = client.get(url).text
    assert "hoi@example.com" in page and "Xin hỏi thời gian tiếp dân?" in page
    response = client.post(url, {"name": comment.name, "body": comment.body, "moderation": Status.APPROVED,
                                 "reply": "Thứ Năm hằng tuần, 8 giờ sáng."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and comment.moderated_by == moderator
    assert comment.reply == "Thứ Năm hằng tuần, 8 giờ sáng." and comment.replied_by == moderator
    assert comment.edited_at is None  # name and text sent back as they were: not an edit
    assert count_of(article) == 1
    # The change form shows who answered and when.
    page = client.get(url).text
    assert moderator.username in page or moderator.get_full_name() in page
    client.logout()
    html = client.get(article.get_absolute_url()).text
    assert "Xin hỏi thời gian tiếp dân?" in html and "Thứ Năm hằng tuần, 8 giờ sáng." in html


def test_change_form_can_take_an_approved_comment_down(client, moderator, article):
    comment = make_comment(article, body="Sẽ bị gỡ xuống.")
    Comment.update_comment_counts([article.pk])
    client.force_login(moderator)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    client.post(url, {"name": comment.name, "body": comment.body, "moderation": Status.REJECTED, "reply": ""})
    assert count_of(article) == 0
    client.logout()
    assert "Sẽ bị gỡ xuống." not in client.get(article.get_absolute_url()).text


def test_the_admin_index_shows_the_pending_count_to_moderators(client, moderator, editor, article):
    for n in range(3):
        make_comment(article, status=Status.PENDING, body=f"Chờ số {n}.")
    make_comment(article, body="Đã duyệt.")
    client.force_login(moderator)
    html = client.get("/admin/").text
    assert "Bình luận chờ kiểm duyệt" in html
    start = html.index("Bình luận chờ kiểm duyệt")
    assert ">3</td>" in html[start:start + 300]
    assert f"{CHANGELIST}?status__exact=pending" in html
    client.force_login(editor)
    assert "Bình luận chờ kiểm duyệt" not in client.get("/admin/").text


def test_the_article_admin_page_shows_its_pending_comments(client, approver, article):
    make_comment(article, status=Status.PENDING, body="Chờ một.")
    make_comment(article, status=Status.PENDING, body="Chờ hai.")
    client.force_login(approver)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert f"{CHANGELIST}?article__id__exact={article.pk}&amp;status__exact=pending" in html


def test_approving_shows_the_comment_at_once_even_with_the_page_cache(client, moderator, article, settings):
    from portal.models import SiteSettings

    assert "portal.middleware.AnonymousPageCacheMiddleware" in settings.MIDDLEWARE
    settings.PAGE_CACHE_SECONDS = 300
    SiteSettings.load()  # created on first use, which bumps the page-cache version itself
    comment = make_comment(article, status=Status.PENDING, body="Hiện ngay sau khi duyệt.")
    reader = client.__class__()
    assert "Hiện ngay sau khi duyệt." not in reader.get(article.get_absolute_url()).text
    assert reader.get(article.get_absolute_url())["X-Cache"] == "HIT"
    comment.approve(by=moderator)
    assert "Hiện ngay sau khi duyệt." in reader.get(article.get_absolute_url()).text


def test_a_moderator_takes_personal_data_out_and_readers_see_the_comment_marked_edited(
        client, moderator, article, settings):
    from portal.models import SiteSettings

    settings.PAGE_CACHE_SECONDS = 300
    SiteSettings.load()
    comment = make_comment(article, name="Lê Thị Mai, 12 Lý Thường Kiệt",
                           body="Gọi tôi theo số 0912 345 678 để trao đổi thêm về thủ tục.")
    reader = client.__class__()
    assert "0912 345 678" in reader.get(article.get_absolute_url()).text  # now in the page cache
    client.force_login(moderator)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = client.post(url, {"name": "Lê Thị Mai", "body": "Xin được trao đổi thêm về thủ tục.",
                                 "moderation": Status.APPROVED, "reply": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.name, comment.body) == ("Lê Thị Mai", "Xin được trao đổi thêm về thủ tục.")
    assert comment.edited_by == moderator and comment.edited_at is not None
    assert moderator.get_username() in client.get(url).text or moderator.get_full_name() in client.get(url).text
    html = reader.get(article.get_absolute_url()).text
    assert "0912 345 678" not in html and "Lý Thường Kiệt" not in html
    assert "Xin được trao đổi thêm về thủ tục." in html and "đã được ban biên tập chỉnh sửa" in html


@pytest.mark.parametrize("field, value", [
    ("body", ""), ("body", "   \n  "), ("body", "x" * 3001), ("name", ""), ("name", "   "), ("name", "n" * 101),
])
def test_an_edit_that_empties_or_overfills_the_comment_is_refused_and_nothing_is_lost(
        client, moderator, article, field, value):
    comment = make_comment(article, status=Status.PENDING)
    client.force_login(moderator)
    data = {"name": comment.name, "body": comment.body, "moderation": Status.APPROVED, "reply": "Cảm ơn."}
    data[field] = value
    response = client.post(reverse("admin:comments_comment_change", args=[comment.pk]), data)
    assert response.status_code == 200 and "errorlist" in response.text
    kept = Comment.objects.get(pk=comment.pk)
    assert (kept.name, kept.body, kept.status, kept.reply, kept.edited_at) == (
        comment.name, comment.body, Status.PENDING, "", None)


def test_the_moderation_field_is_labelled_as_django_labels_the_others(client, moderator, article):
    comment = make_comment(article, status=Status.PENDING)
    client.force_login(moderator)
    html = client.get(f"{CHANGELIST}{comment.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<label class="required" for="id_moderation">Status:</label>' in html
    vietnamese = client.get(f"{CHANGELIST}{comment.pk}/change/", HTTP_ACCEPT_LANGUAGE="vi").text
    assert 'for="id_moderation">Trạng thái:</label>' in vietnamese


def test_the_reply_help_text_does_not_repeat_the_sections_description(client, moderator, article):
    comment = make_comment(article)
    client.force_login(moderator)
    html = client.get(f"{CHANGELIST}{comment.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").text
    assert html.count("once the comment is approved") == 1  # the Reply section's description
    assert "shown under the comment once it is approved" not in html
    assert "Empty it to withdraw a reply already shown." in html
