"""The docker-compose nginx configuration, run by Debian's nginx in front of gunicorn."""

import re
import ssl
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.conftest import make_article
from tests.deploy.servers import Gunicorn, Nginx, app_env, nginx_binary

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not nginx_binary(), reason="nginx is not installed (apt-get install nginx)"),
]
INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, *, headers=None, data=None):
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=INSECURE))
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def stack(tmp_path, static_root, reference_data, category):
    if connection.vendor != "postgresql":
        pytest.skip("runs against PostgreSQL (CI sets DATABASE_URL)")
    # No DJANGO_SITE_URL: the links carry the request's own scheme and host, which shows what
    # Django believed of nginx's forwarded headers.
    env = app_env(connection, tmp_path, DJANGO_PAGE_CACHE_SECONDS="30", DJANGO_STATIC_ROOT=str(static_root),
                  DJANGO_SITE_URL="")
    (tmp_path / "media").mkdir(exist_ok=True)
    app = Gunicorn(env)
    try:
        web = Nginx(tmp_path, f"127.0.0.1:{app.port}", static_root, tmp_path / "media")
        try:
            yield web
        finally:
            web.stop()
    finally:
        app.stop()


def test_pages_go_through_nginx_with_a_micro_cache(stack, category):
    article = make_article(category, title="Qua nginx")
    status, headers, body = fetch(f"{stack.https}/vi/")
    assert status == 200 and "Qua nginx" in body.decode()
    assert headers["X-Micro-Cache"] in ("MISS", "EXPIRED")
    status, headers, _ = fetch(f"{stack.https}/vi/")
    assert headers["X-Micro-Cache"] == "HIT"
    assert "X-Accel-Expires" not in headers
    status, headers, _ = fetch(f"{stack.https}{article.get_absolute_url()}", headers={"Cookie": "sessionid=abc"})
    assert headers["X-Micro-Cache"] == "BYPASS"


def test_tls_offers_only_forward_secret_aead_ciphers(stack):
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(stack.https)

    def cipher(*, ciphers, tls13=False):
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        if not tls13:
            context.maximum_version = ssl.TLSVersion.TLSv1_2
            context.set_ciphers(ciphers)
        with socket.create_connection((address.hostname, address.port), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                return tls.version(), tls.cipher()[0]

    assert cipher(ciphers="", tls13=True)[0] == "TLSv1.3"
    assert cipher(ciphers="AES256-SHA:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256") == (
        "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256")
    for weak in ("AES256-SHA:AES128-GCM-SHA256", "ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-SHA256"):
        with pytest.raises(ssl.SSLError):  # no forward secrecy, or CBC: refused
            cipher(ciphers=weak)


def test_http_redirects_to_https_but_health_stays_reachable(stack):
    status, headers, _ = fetch(f"{stack.http}/vi/")
    assert status == 301 and headers["Location"].startswith("https://")
    status, _, body = fetch(f"{stack.http}/healthz")
    assert status == 200 and b'"database": "ok"' in body


def test_static_files_are_served_by_nginx_for_a_year(stack):
    _, _, body = fetch(f"{stack.https}/vi/")
    css = re.search(rb'href="(/static/portal/css/portal\.[0-9a-f]+\.css)"', body).group(1).decode()
    status, headers, _ = fetch(f"{stack.https}{css}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert headers.get("Content-Encoding") == "gzip"


def test_html_is_compressed(stack):
    _, headers, _ = fetch(f"{stack.https}/vi/", headers={"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip"


def test_uploads_cannot_run_as_pages(stack, tmp_path):
    upload = tmp_path / "media" / "attachments"
    upload.mkdir(parents=True)
    (upload / "x.html").write_text("<script>alert(1)</script>")
    _, headers, _ = fetch(f"{stack.https}/media/attachments/x.html")
    assert headers["Content-Disposition"] == "attachment"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_django_trusts_the_forwarded_headers_from_nginx(stack, category):
    # SECURE_PROXY_SSL_HEADER: Django knows the reader came over HTTPS (canonical links say so).
    article = make_article(category, title="Qua HTTPS")
    _, _, body = fetch(f"{stack.https}{article.get_absolute_url()}")
    assert b'rel="canonical" href="https://localhost' in body


def test_nginx_liveness_page(stack):
    status, _, body = fetch(f"{stack.http}/nginx-health")
    assert status == 200 and body == b"ok\n"


def test_the_compose_web_health_check_passes_against_production_settings(tmp_path, static_root, reference_data):
    """The command docker-compose runs in each web container, against gunicorn as configured there."""
    import subprocess
    import sys

    import yaml

    from tests.deploy.servers import ROOT

    if connection.vendor != "postgresql":
        pytest.skip("runs against PostgreSQL (CI sets DATABASE_URL)")
    env = app_env(connection, tmp_path, DJANGO_STATIC_ROOT=str(static_root),
                  DJANGO_ALLOWED_HOSTS="portal.example.gov.vn", DJANGO_SECURE_SSL_REDIRECT="1")
    app = Gunicorn(env, host="portal.example.gov.vn")
    try:
        compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
        command = compose["services"]["web"]["healthcheck"]["test"]
        assert command[:3] == ["CMD", "python", "-c"]
        code = command[3].replace("127.0.0.1:8000", f"127.0.0.1:{app.port}")
        ok = subprocess.run([sys.executable, "-c", code], env=env, timeout=30)
        assert ok.returncode == 0
        # And it fails when the portal is unhealthy (here: not answering at all).
        app.stop()
        down = subprocess.run([sys.executable, "-c", code], env=env, timeout=30, capture_output=True)
        assert down.returncode != 0
    finally:
        app.stop()


def test_nginx_replaces_a_forged_forwarded_address_with_the_one_it_saw(tmp_path):
    # An upstream that answers every request and keeps the headers nginx sent it.
    import http.server
    import threading

    seen = []

    class Echo(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers.get("X-Forwarded-For"))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    (tmp_path / "static").mkdir()
    (tmp_path / "media").mkdir()
    web = Nginx(tmp_path, f"127.0.0.1:{upstream.server_port}", tmp_path / "static", tmp_path / "media")
    try:
        seen.clear()
        for path in ("/vi/", "/stats/beacon", "/healthz"):
            fetch(f"{web.https if path != '/healthz' else web.http}{path}",
                  headers={"X-Forwarded-For": "203.0.113.7, 10.0.0.5"})
    finally:
        web.stop()
        upstream.shutdown()
    assert seen == ["127.0.0.1"] * 3
