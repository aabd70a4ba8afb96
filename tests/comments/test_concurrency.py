"""Many readers at once: real threads, real transactions (run on PostgreSQL in CI)."""

import threading

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from comments.models import Comment
from tests.conftest import make_article

from .helpers import comment_url, form_data

pytestmark = [
    # The test database is a shared in-memory SQLite, which refuses concurrent writers
    # outright ("table is locked") instead of waiting for them. Decided at collection, so a
    # skipped test does not even set up (and flush) the database.
    pytest.mark.skipif("sqlite" in django_settings.DATABASES["default"]["ENGINE"],
                       reason="concurrent writers need PostgreSQL (DATABASE_URL=postgres://...)"),
    pytest.mark.django_db(transaction=True),
]
READERS = 20


@pytest.fixture
def article(reference_data, category):
    return make_article(category)


def post_at_once(url, payloads):
    """POST every (REMOTE_ADDR, data) at the same moment from its own thread; the status codes."""
    barrier = threading.Barrier(len(payloads))
    statuses = [None] * len(payloads)

    def post(index, address, data):
        try:
            client = Client(REMOTE_ADDR=address)
            barrier.wait(timeout=30)
            statuses[index] = client.post(url, data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i, *payload)) for i, payload in enumerate(payloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_many_comments_posted_at_once_are_each_stored_exactly_once(article):
    bodies = [f"Ý kiến đồng thời số {n:03d} của bạn đọc." for n in range(READERS)]
    statuses = post_at_once(comment_url(article),
                            [(f"10.1.0.{n + 1}", form_data(body=body)) for n, body in enumerate(bodies)])
    assert statuses == [302] * READERS
    assert sorted(Comment.objects.values_list("body", flat=True)) == bodies


def test_the_same_text_posted_at_once_is_stored_once(article):
    statuses = post_at_once(comment_url(article),
                            [(f"10.2.0.{n + 1}", form_data(body="Cùng một nội dung gửi nhiều lần."))
                             for n in range(READERS)])
    assert sorted(statuses) == [200] * (READERS - 1) + [302]
    assert Comment.objects.count() == 1


def test_one_reader_posting_many_at_once_gets_only_the_limit(article, settings):
    settings.COMMENTS_RATE_LIMIT = 3
    statuses = post_at_once(comment_url(article),
                            [("10.3.0.1", form_data(body=f"Gửi dồn dập lần thứ {n}.")) for n in range(READERS)])
    assert statuses.count(302) == 3 and statuses.count(429) == READERS - 3
    assert Comment.objects.count() == 3
