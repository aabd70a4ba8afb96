from django import template

from comments.models import Comment
from comments.views import comment_context, comment_page_number as page_number

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_page_number(context, article) -> int:
    """The page of the article's comments this address asks for (settled before a cached block
    is looked up, so that odd numbers never store one page under another)."""
    return page_number(context["request"], article)


@register.inclusion_tag("comments/includes/comments.html", takes_context=True)
def article_comments(context, article, number):
    """The article's approved comments (one page) and the way to send one."""
    return {"article": article, "site": context.get("site"),
            **comment_context(context["request"], article, number)}


@register.simple_tag
def pending_comment_count(article) -> int:
    """How many of the article's comments await moderation (the article's admin page links to them)."""
    return Comment.objects.filter(article=article, status=Comment.Status.PENDING).count() if article else 0
