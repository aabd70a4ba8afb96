from django.db import transaction

from articles.models import Article

from .models import Comment
from .notifications import comment_notify_moderators


def comment_create(*, article: Article, name: str, email: str, body: str, visitor: str,
                   base_url: str = "") -> Comment:
    """Store a reader's comment for moderation and tell the moderators once it is committed.

    Raises ValidationError (code "duplicate") when the same text (case and spacing aside) reached the article
    within the duplicate window, even from a request racing this one.
    """
    with transaction.atomic():
        # Locking the article serialises its new comments, so two identical posts arriving
        # together cannot both pass the duplicate check (SQLite serialises all writes anyway).
        Article.objects.select_for_update().filter(pk=article.pk).values_list("pk", flat=True).first()
        if Comment.objects.has_duplicate(article=article, body=body):
            raise Comment.duplicate_error()
        comment = Comment.objects.create(article=article, name=name, email=email, body=body, visitor=visitor)
        transaction.on_commit(lambda: comment_notify_moderators(comment=comment, base_url=base_url))
    return comment

