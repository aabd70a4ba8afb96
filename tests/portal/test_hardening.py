import json
import logging

import pytest
from axes.models import AccessAttempt


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, article):
    response = client.get("/vi/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    style_src = next(part for part in policy.split(";") if part.strip().startswith("style-src"))
    assert "'unsafe-inline'" not in style_src and "'self'" in style_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_scripts_or_styles_in_public_pages(client, article):
    import re

    for url in ("/vi/", article.get_absolute_url(), "/en/about/", "/vi/search/?q=x"):
        html = client.get(url).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            # A script runs from a file; JSON-LD is data, which the browser never runs.
            assert "src=" in tag or tag == '<script type="application/ld+json">', (url, tag)
        assert not re.search(r"\son[a-z]+=", html), url
        assert not re.search(r"\sstyle=|<style\b", html), url


def test_staff_login_locks_after_repeated_failures(client, editor):
    for _ in range(5):
        client.post("/admin/login/?next=/admin/", {"username": "editor1", "password": "wrong"})
    locked = client.post("/admin/login/?next=/admin/", {"username": "editor1", "password": "pass-Word-123"})
    assert locked.status_code == 429
    assert "Đăng nhập bị khóa" in locked.text or "Sign-in locked" in locked.text
    assert AccessAttempt.objects.filter(username="editor1").exists()
    # Another account from the same address is not punished for it.
    assert client.post("/admin/login/", {"username": "nobody", "password": "x"}).status_code == 200


def test_login_attempts_are_logged_without_account_address_or_browser(client, editor, caplog):
    browser = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0"
    with caplog.at_level(logging.DEBUG):
        client.post("/admin/login/", {"username": "editor1", "password": "wrong"},
                    REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=browser)
        client.post("/admin/login/", {"username": "editor1", "password": "pass-Word-123"},
                    REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=browser)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "AXES" in logged  # the attempts are logged...
    for personal in ("editor1", "203.0.113.9", "TestBrowser"):  # ...by nothing that names who
        assert personal not in logged, personal


def test_a_successful_login_works_and_resets_failures(client, editor):
    client.post("/admin/login/", {"username": "editor1", "password": "wrong"})
    response = client.post("/admin/login/?next=/admin/", {"username": "editor1", "password": "pass-Word-123"})
    assert response.status_code == 302


def test_request_log_is_one_json_line_without_personal_data(client, article, caplog):
    with caplog.at_level(logging.INFO, logger="portal.requests"):
        client.get("/vi/search/?q=email@example.com", REMOTE_ADDR="203.0.113.9")
    lines = [r.getMessage() for r in caplog.records if r.name == "portal.requests"]
    assert lines
    entry = json.loads(lines[-1])
    assert entry["path"] == "/vi/search/" and entry["status"] == 200 and entry["method"] == "GET"
    assert "203.0.113.9" not in lines[-1] and "example.com" not in lines[-1]


@pytest.mark.parametrize("forwarded, peer, expected", [
    ("198.51.100.7", "10.0.0.2", "198.51.100.7"),              # through our proxy
    ("1.2.3.4, 198.51.100.7", "10.0.0.2", "198.51.100.7"),     # a forged first hop is ignored
    ("198.51.100.7", "203.0.113.50", "203.0.113.50"),          # not through our proxy: ignored
    ("not-an-ip", "10.0.0.2", "10.0.0.2"),
    # A reader on the office network names another address: only the hop our proxy added counts.
    ("203.0.113.7, 10.0.0.5", "10.0.0.2", "10.0.0.5"),
    ("203.0.113.7, 10.1.2.3, 10.0.0.5", "10.0.0.2", "10.0.0.5"),
])
def test_reader_address_is_taken_from_trusted_proxies_only(rf, settings, forwarded, peer, expected):
    from portal.middleware import TrustedProxyMiddleware

    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    seen = {}

    def view(request):
        seen["ip"] = request.META["REMOTE_ADDR"]

    TrustedProxyMiddleware(view)(rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=peer))
    assert seen["ip"] == expected


def test_attachments_cannot_render_as_pages(client, category):
    from django.core.files.base import ContentFile

    from articles.models import Attachment
    from tests.conftest import make_article

    article = make_article(category)
    attachment = Attachment(article=article, title_vi="Tệp")
    attachment.file.save("trang.txt", ContentFile(b"<html><script>alert(1)</script>"), save=True)
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Type"].startswith("text/plain")


def test_admin_url_is_configurable():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings_test", DJANGO_ADMIN_URL="quan-tri-bi-mat/")
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "/quan-tri-bi-mat/", out.stderr


def test_staff_sessions_expire(settings):
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600


@pytest.mark.parametrize("address", ["/vi/search/?q=%00", "/vi/articles/a%00b/", "/admin/articles/article/%00/history/",
                                     "/admin/axes/accessattempt/?path_info=%00", "/stats/beacon?x=%00"])
def test_an_address_naming_a_nul_character_is_a_400(client, admin_user, address):
    client.force_login(admin_user)
    response = client.get(address)
    assert response.status_code == 400
    assert b"NUL" in response.content
