"""Helpers shared by the comment tests."""

from comments.models import Comment


def comment_url(article, language="vi"):
    return f"/{language}/articles/{article.slug}/comment/"


def form_data(**fields):
    """A comment as a reader's browser sends it; in captcha test mode "PASSED" is the right answer."""
    data = {
        "name": "Nguyễn Thị Hoa",
        "email": "hoa.reader@example.com",
        "body": "Bài viết rất bổ ích, cảm ơn Ban biên tập.",
        "website": "",
        "captcha_0": "test-key",
        "captcha_1": "PASSED",
    }
    data.update(fields)
    return data


def make_comment(article, *, status=Comment.Status.APPROVED, **fields):
    defaults = {"name": "Trần Văn Nam", "email": "nam.reader@example.com",
                "body": "Một ý kiến của bạn đọc về bài viết.", "status": status}
    defaults.update(fields)
    return Comment.objects.create(article=article, **defaults)
