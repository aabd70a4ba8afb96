"""What every reader's form needs of a request."""

from django.http import QueryDict


def posted_data(request):
    """The POSTed fields, with bytes that are not UTF-8 turned into U+FFFD for the form to refuse.

    Django decodes such a body as Latin-1 instead, which would store mojibake without a word.
    """
    if request.content_type == "application/x-www-form-urlencoded":
        try:
            request.body.decode("utf-8")
        except UnicodeDecodeError:
            return QueryDict(request.body.decode("utf-8", "replace"), encoding="utf-8")
    return request.POST
