import io

from articles.models import Article
from comments.demo import load_comments
from comments.models import Comment
from tests.conftest import make_article

Status = Comment.Status


def test_demo_comments_are_approved_pending_answered_and_edited_and_load_once(category, editor, approver, django_user_model):
    for n in range(5):
        make_article(category, title=f"Bài số {n}", title_en=f"Article {n}")
    hidden = make_article(category, title="Bài bị ẩn", is_shown=False)
    users = {"admin": django_user_model.objects.create_superuser("admin", "admin@example.gov.vn", "x-Pass-123"),
             "editor": editor, "approver": approver}
    out = io.StringIO()
    load_comments(users, out)
    first = Comment.objects.count()
    load_comments(users, out)
    assert Comment.objects.count() == first and "demo comments" in out.getvalue()
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert {Status.APPROVED, Status.PENDING} <= statuses
    answered = Comment.objects.visible().exclude(reply="")
    assert answered.exists() and all(c.replied_by == approver for c in answered)
    assert Comment.objects.filter(body__contains="English version").exists()
    edited = Comment.objects.visible().filter(edited_at__isnull=False)
    assert edited.exists() and all(c.edited_by == approver for c in edited)  # the moderator's redaction
    assert not hidden.comments.exists()
    for article in Article.objects.all():
        assert article.comment_count == article.comments.filter(status=Status.APPROVED).count()
    assert Article.objects.filter(comment_count__gt=0).count() >= 3
