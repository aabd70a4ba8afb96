"""Two gunicorn nodes over the same PostgreSQL and Redis behave as one site.

A comment posted through one node and approved in the admin of the other shows on both at
once; a session started on one is valid on the other; rate limits and visit counts add up
across both; killing one node in the middle of a bounded load loses nothing that was answered.
"""

import http.client
import http.cookiejar
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from comments.models import Comment
from tests.conftest import make_article
from tests.deploy.servers import Gunicorn, app_env

pytestmark = pytest.mark.django_db(transaction=True)
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


class Browser:
    """A reader or a member of staff: a cookie jar, a user agent, an address."""

    def __init__(self, address="198.51.100.1", user_agent=BROWSER_UA):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.headers = {"User-Agent": user_agent, "X-Forwarded-For": address}

    def request(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(url, data=body, headers={**self.headers, **(headers or {})})
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def copy_cookies_to(self, other):
        for cookie in self.jar:
            other.jar.set_cookie(cookie)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def captcha_answer(hashkey):
    from captcha.models import CaptchaStore

    return CaptchaStore.objects.get(hashkey=hashkey).response


def post_comment(browser, node, article, body):
    url = f"{node.url}/vi/articles/{article.slug}/comment/"
    status, html, _ = browser.request(url)
    assert status == 200, html[:500]
    hashkey = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    data = {"csrfmiddlewaretoken": browser.cookie("csrftoken"), "name": "Nguyễn Văn Đọc",
            "email": "doc@example.com", "body": body, "captcha_0": hashkey,
            "captcha_1": captcha_answer(hashkey), "website": ""}
    return browser.request(url, data, headers={"Referer": url})


def sign_in(browser, node, username):
    url = f"{node.url}/admin/login/"
    browser.request(url)
    status, _, headers = browser.request(url, {"csrfmiddlewaretoken": browser.cookie("csrftoken"),
                                               "username": username, "password": "pass-Word-123",
                                               "next": "/admin/"}, headers={"Referer": url})
    assert status == 302, "login failed"


def beacon(browser, node, path, article_id=None):
    payload = {"path": path}
    if article_id:
        payload["article"] = article_id
    return browser.request(f"{node.url}/stats/beacon", json.dumps(payload).encode(),
                           headers={"Content-Type": "application/json", "Origin": node.url})


@pytest.fixture
def nodes(tmp_path, static_root, reference_data, approver, category):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("runs against PostgreSQL and Redis (CI sets DATABASE_URL and REDIS_URL)")
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    # The nodes run production settings, whose hashers do not include the tests' fast one.
    approver.password = PBKDF2PasswordHasher().encode("pass-Word-123", "nodes-test-salt", iterations=1000)
    approver.save(update_fields=["password"])
    env = app_env(connection, tmp_path, REDIS_URL=settings.REDIS_URL, DJANGO_STATIC_ROOT=str(static_root),
                  DJANGO_PAGE_CACHE_SECONDS="60", DJANGO_TRUSTED_PROXIES="127.0.0.1",
                  COMMENTS_RATE_LIMIT="3", DJANGO_CACHE_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", ""))
    started = []
    try:
        for _ in range(2):
            started.append(Gunicorn(env, workers=2))
        yield started
    finally:
        for node in started:
            node.stop()


def test_a_comment_posted_on_one_node_and_approved_on_the_other_shows_on_both(nodes, approver, category):
    a, b = nodes
    article = make_article(category, title="Bài trên hai máy chủ")
    reader = Browser()
    for node in nodes:  # both nodes have the page in their (shared) cache
        assert Browser().request(f"{node.url}{article.get_absolute_url()}")[2].get("X-Cache") in ("MISS", "HIT")
    status, _, headers = post_comment(reader, a, article, "Góp ý gửi qua máy chủ thứ nhất.")
    assert status == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    staff = Browser(address="198.51.100.200")
    sign_in(staff, b, approver.username)
    # The session started on node B is valid on node A.
    assert staff.request(f"{a.url}/admin/")[0] == 200
    assert Browser().request(f"{a.url}/admin/")[0] == 302
    changelist = f"{b.url}/admin/comments/comment/"
    staff.request(changelist)
    status, _, _ = staff.request(changelist, {"csrfmiddlewaretoken": staff.cookie("csrftoken"),
                                              "action": "approve_selected", "_selected_action": [comment.pk]},
                                 headers={"Referer": changelist})
    assert status in (200, 302)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    for node in nodes:
        status, html, _ = Browser().request(f"{node.url}{article.get_absolute_url()}")
        assert "Góp ý gửi qua máy chủ thứ nhất." in html, node.url


def test_rate_limits_and_visits_add_up_across_nodes(nodes, category):
    from stats.services import stats_flush
    from stats.models import DailyStat

    a, b = nodes
    article = make_article(category, title="Bài đếm lượt")
    reader = Browser(address="203.0.113.77")
    answers = [post_comment(reader, node, article, f"Góp ý số {n} của cùng một người.")[0]
               for n, node in enumerate((a, b, a, b))]
    assert answers[:3] == [302, 302, 302] and answers[3] == 429
    assert Comment.objects.count() == 3

    for n in range(10):
        visitor = Browser(address=f"192.0.2.{n + 1}")
        assert beacon(visitor, nodes[n % 2], article.get_absolute_url(), article.pk)[0] == 200
    stats_flush()
    day = DailyStat.objects.get()
    assert (day.page_views, day.visits) == (10, 10)


def test_killing_a_node_mid_load_loses_nothing_that_was_answered(nodes, category):
    from stats.services import stats_flush
    from stats.models import DailyStat

    a, b = nodes
    article = make_article(category, title="Bài chịu tải")
    counted, unanswered, answered_comments = [], [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + 6

    def comments(worker):
        try:
            post_while_loaded(worker)
        finally:
            connection.close()  # this thread's own connection (the captcha look-ups)

    def post_while_loaded(worker):
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            node = (a, b)[(worker + n) % 2]
            body = f"Góp ý số {n} của luồng {worker} trong lúc chịu tải."
            try:
                status, _, _ = post_comment(Browser(address=f"172.16.{worker}.{n % 250 + 1}"), node, article, body)
            except (OSError, http.client.HTTPException, AssertionError, AttributeError):
                continue  # the node died mid-exchange: nothing was promised
            if status == 302:
                with lock:
                    answered_comments.append(body)

    def load(worker):
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            node = (a, b)[(worker + n) % 2]
            visitor = Browser(address=f"10.{worker}.{n // 250}.{n % 250 + 1}")
            try:
                status, body, _ = beacon(visitor, node, article.get_absolute_url(), article.pk)
            except (OSError, http.client.HTTPException):
                with lock:
                    unanswered.append(1)  # the node died: it may or may not have counted it
                continue
            if status == 200 and json.loads(body).get("counted"):
                with lock:
                    counted.append(1)

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(load, worker) for worker in range(4)]
        futures += [pool.submit(comments, worker) for worker in range(2)]
        time.sleep(2.5)
        b.stop(kill=True)
        for future in futures:
            future.result()
    assert counted and answered_comments, "the load was not answered"
    stats_flush()
    visits = DailyStat.objects.get().visits
    # Every answered view is counted; one cut off by the kill may have been counted too.
    assert len(counted) <= visits <= len(counted) + len(unanswered)
    stored = set(Comment.objects.values_list("body", flat=True))
    assert set(answered_comments) <= stored


def test_login_lockout_holds_across_nodes(nodes, approver):
    a, b = nodes
    attacker = Browser(address="203.0.113.66")
    statuses = []
    for n in range(5):  # failures alternate between the nodes; the fifth locks the account
        node = (a, b)[n % 2]
        url = f"{node.url}/admin/login/"
        attacker.request(url)
        status, _, _ = attacker.request(url, {"csrfmiddlewaretoken": attacker.cookie("csrftoken"),
                                              "username": approver.username, "password": f"sai-{n}"},
                                        headers={"Referer": url})
        statuses.append(status)
    assert statuses == [200, 200, 200, 200, 429]
    url = f"{b.url}/admin/login/"
    status, html, _ = attacker.request(url, {"csrfmiddlewaretoken": attacker.cookie("csrftoken"),
                                             "username": approver.username, "password": "pass-Word-123"},
                                       headers={"Referer": url})
    assert status == 429 and "Đăng nhập bị khóa" in html
