from comments.models import Comment
from portal import pagecache

from .helpers import make_comment

Status = Comment.Status


def count_of(article):
    article.refresh_from_db()
    return article.comment_count


def test_approving_counts_the_comment_and_records_who_did_it(article, approver):
    comment = make_comment(article, status=Status.PENDING)
    comment.approve(by=approver)
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert comment.moderated_by == approver and comment.moderated_at is not None
    assert count_of(article) == 1
    comment.approve(by=approver)  # twice is still one
    assert count_of(article) == 1


def test_rejecting_or_marking_spam_uncounts_an_approved_comment(article, approver):
    first = make_comment(article, status=Status.PENDING)
    second = make_comment(article, status=Status.PENDING, body="Ý kiến thứ hai.")
    first.approve(by=approver)
    second.approve(by=approver)
    assert count_of(article) == 2
    first.reject(by=approver)
    assert count_of(article) == 1
    second.mark_spam(by=approver)
    assert count_of(article) == 0
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.REJECTED, Status.SPAM}


def test_the_count_is_a_recount_so_drift_is_corrected(article, approver):
    make_comment(article)
    make_comment(article, body="Ý kiến khác.")
    article.__class__.objects.filter(pk=article.pk).update(comment_count=17)
    make_comment(article, status=Status.PENDING, body="Ý kiến mới.").approve(by=approver)
    assert count_of(article) == 3


def test_deleting_an_approved_comment_uncounts_it(article, approver):
    comment = make_comment(article, status=Status.PENDING)
    comment.approve(by=approver)
    version = pagecache.version()
    comment.delete()
    assert count_of(article) == 0
    assert pagecache.version() > version


def test_changes_readers_see_bump_the_page_cache_and_others_do_not(article, approver):
    comment = make_comment(article, status=Status.PENDING)
    version = pagecache.version()
    comment.set_reply("Chưa duyệt nên chưa ai thấy.", by=approver)
    comment.reject(by=approver)
    make_comment(article, status=Status.PENDING, body="Chờ duyệt.").delete()
    assert pagecache.version() == version
    comment.approve(by=approver)
    assert pagecache.version() == version + 1
    comment.set_reply("Câu trả lời đã sửa.", by=approver)
    assert pagecache.version() == version + 2


def test_a_reply_records_who_answered_and_when_and_can_be_withdrawn(article, approver):
    comment = make_comment(article)
    comment.set_reply("  Cảm ơn bạn đã góp ý.  ", by=approver)
    comment.refresh_from_db()
    assert comment.reply == "Cảm ơn bạn đã góp ý."
    assert comment.replied_by == approver and comment.replied_at is not None
    comment.set_reply("", by=approver)
    comment.refresh_from_db()
    assert (comment.reply, comment.replied_by, comment.replied_at) == ("", None, None)


def test_visible_lists_approved_comments_oldest_first(article):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    later = make_comment(article, created_at=now)
    earlier = make_comment(article, created_at=now - timedelta(hours=1), body="Sớm hơn.")
    make_comment(article, status=Status.PENDING, body="Chưa duyệt.")
    assert list(Comment.objects.visible()) == [earlier, later]


def test_excerpt_is_short_and_on_one_line(article):
    comment = make_comment(article, body="Dòng một\nDòng hai " + "rất dài " * 30)
    assert "\n" not in comment.excerpt and len(comment.excerpt) <= 80
    assert str(comment).startswith("Trần Văn Nam: Dòng một Dòng hai")
