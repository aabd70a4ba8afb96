"""The production path of a video: nginx serves the file from byte ranges (Django's dev
`serve` does not), and its captions as text/vtt."""

import http.server
import shutil
import ssl
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.servers import Nginx, nginx_binary

pytestmark = pytest.mark.skipif(not nginx_binary(), reason="nginx is not installed (apt-get install nginx)")
INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE
VIDEO = Path(__file__).resolve().parents[2] / "multimedia" / "demo_media" / "hoi-nghi.webm"


@pytest.fixture
def web(tmp_path):
    folder = tmp_path / "media" / "multimedia" / "video" / "2026" / "12"
    folder.mkdir(parents=True)
    shutil.copy(VIDEO, folder / "hoi-nghi.webm")
    (folder / "hoi-nghi.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào.\n", encoding="utf-8")
    (tmp_path / "static").mkdir()
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Healthy)  # only its health is asked
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    server = Nginx(tmp_path, f"127.0.0.1:{upstream.server_port}", tmp_path / "static", tmp_path / "media")
    try:
        yield server
    finally:
        server.stop()
        upstream.shutdown()


class Healthy(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def get(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10,
                                context=INSECURE) as response:
        return response.status, response.headers, response.read()


def test_a_video_is_served_in_byte_ranges(web):
    url = f"{web.https}/media/multimedia/video/2026/12/hoi-nghi.webm"
    status, headers, body = get(url, {"Range": "bytes=100-199"})
    assert status == 206
    assert headers["Content-Range"] == f"bytes 100-199/{VIDEO.stat().st_size}"
    assert body == VIDEO.read_bytes()[100:200]
    assert headers["Content-Type"] == "video/webm"
    status, headers, _body = get(url)
    assert status == 200 and headers["Accept-Ranges"] == "bytes"  # the player knows it may seek


def test_captions_are_served_as_webvtt(web):
    status, headers, body = get(f"{web.https}/media/multimedia/video/2026/12/hoi-nghi.vtt")
    assert status == 200 and body.startswith(b"WEBVTT")
    assert headers["Content-Type"].startswith("text/vtt")
    assert headers["X-Content-Type-Options"] == "nosniff"
