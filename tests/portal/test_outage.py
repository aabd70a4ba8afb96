"""A database outage answers 503 with Retry-After (nginx then serves its stale copy), never 500."""

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.fixture
def database_down(db, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    from django.db import connections

    with monkeypatch.context() as patch:  # undone before the test database is rolled back
        patch.setattr(type(connections["default"]), "create_cursor", refused)
        yield


@pytest.mark.parametrize("path", ["/vi/", "/en/category/tin-tuc/", "/vi/rss/", "/sitemap.xml", "/vi/archive/",
                                  "/vi/articles/any-article/comment/", "/captcha/refresh/", "/vi/about/"])
def test_pages_answer_503_with_retry_after_while_the_database_is_down(database_down, settings, path):
    settings.PAGE_CACHE_SECONDS = 0
    response = Client(raise_request_exception=False).get(path, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Tạm thời gián đoạn" in response.text and "Temporarily unavailable" in response.text


def test_other_errors_stay_a_500(db, monkeypatch):
    from articles import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.HomeView, "get_context_data", broken)
    response = Client(raise_request_exception=False).get("/vi/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong" in response.text
