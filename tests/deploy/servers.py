"""Real servers for deployment tests: gunicorn nodes and Debian's nginx, on loopback only."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """`count` different free ports: held open together while chosen (one socket closed and
    another opened may be given the same port, which once gave nginx two servers on one)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def wait_for(url, timeout=30, context=None, headers=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=2, context=context) as response:
                if response.status < 500:
                    return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def database_url(connection) -> str:
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        raise RuntimeError("deployment tests need PostgreSQL")
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{settings['NAME']}"


def app_env(connection, tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="deploy-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=database_url(connection),
        DJANGO_REQUEST_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def collectstatic(env):
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True, timeout=120)


class Gunicorn:
    def __init__(self, env, workers=2, host=None):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "portal.wsgi:application"],
            cwd=ROOT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Its own process group, so killing it takes its workers (and their connections) too.
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        wait_for(f"{self.url}/healthz", headers={"Host": host} if host else None)

    def stop(self, kill=False):
        try:
            os.killpg(self.process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        # The workers are gone once the group is empty.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


class Nginx:
    """Debian's nginx running deploy/nginx/portal.conf.template, filled in as the nginx image does."""

    def __init__(self, tmp_path, upstream, static_root, media_root):
        self.dir = tmp_path / "nginx"
        for sub in ("cache", "certs", "temp", "logs"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=localhost", "-keyout", str(self.dir / "certs/privkey.pem"),
                        "-out", str(self.dir / "certs/fullchain.pem")], check=True, capture_output=True)
        self.http_port, self.https_port = free_ports(2)
        values = {
            "UPSTREAM": upstream, "STATIC_ROOT": str(static_root), "MEDIA_ROOT": str(media_root),
            "CACHE_DIR": str(self.dir / "cache"), "CERT_DIR": str(self.dir / "certs"),
            "HTTP_PORT": str(self.http_port), "HTTPS_PORT": str(self.https_port), "SERVER_NAME": "localhost",
        }
        text = (ROOT / "deploy/nginx/portal.conf.template").read_text()
        for name, value in values.items():
            text = text.replace("${" + name + "}", value)
        assert "${" not in text, "the template uses a variable the tests do not fill"
        (self.dir / "portal.conf").write_text(text)
        temp = self.dir / "temp"
        (self.dir / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/logs/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.dir}/portal.conf;
}}
""")
        check = subprocess.run([nginx_binary(), "-t", "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen([nginx_binary(), "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir),
                                         "-g", "daemon off;"], stderr=subprocess.DEVNULL)
        self.https = f"https://localhost:{self.https_port}"
        self.http = f"http://localhost:{self.http_port}"
        wait_for(f"{self.http}/healthz")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
