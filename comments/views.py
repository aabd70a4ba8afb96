def comment_context(request, article) -> dict:
    """Context for templates/comments/includes/comments.html on the article page."""
    return {}
