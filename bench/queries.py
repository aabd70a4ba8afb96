"""In-process helper of bench/run.py: queries per request, and what the load needs (cookies, keys).

Run with the portal's environment (the same database and Redis as the servers). Reads a JSON
list of requests on stdin; prints one JSON object on stdout. Each request is made twice with
Django's test Client (the first warms caches, the second is counted with CaptureQueriesContext).
"""

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
HOST = os.environ.get("BENCH_HOST", "127.0.0.1")


def admin_user():
    User = get_user_model()
    user = User.objects.filter(username="admin").first()
    if user is None:
        user = User.objects.create_superuser("admin", "admin@example.com", None)
    return user


def prepare(slug):
    """A signed-in session, a CSRF pair and a captcha key for the load generators."""
    from articles.models import Article

    staff = Client(HTTP_HOST=HOST)
    staff.force_login(admin_user())
    reader = Client(HTTP_HOST=HOST, HTTP_USER_AGENT=BROWSER)
    page = reader.get(f"/vi/articles/{slug}/comment/")
    html = page.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    hashkey = re.search(r'name="captcha_0" value="([^"]+)"', html).group(1)
    return {
        "session": staff.cookies[settings.SESSION_COOKIE_NAME].value,
        "csrf_cookie": reader.cookies[settings.CSRF_COOKIE_NAME].value,
        "csrf_token": token,
        "captcha_key": hashkey,
        "article_id": Article.objects.get(slug=slug).pk,
    }


def count(spec, n):
    client = Client(HTTP_HOST=HOST, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.200.0.{n % 250 + 1}")
    if spec.get("login"):
        client.force_login(admin_user())
    settings.PAGE_CACHE_SECONDS = spec.get("cache_seconds", 0)
    settings.FRAGMENT_CACHE_SECONDS = spec.get("fragment_seconds", 3600)
    redis_url = settings.REDIS_URL
    if spec.get("no_redis"):
        settings.REDIS_URL = ""
    try:
        def call(i):
            headers = dict(spec.get("headers", {}))
            if spec["method"] == "GET":
                return client.get(spec["path"], headers=headers)
            extra = {"REMOTE_ADDR": f"10.201.{n % 250}.{i + 1}"}
            if spec.get("json") is not None:
                return client.post(spec["path"], data=json.dumps(spec["json"]), content_type="application/json",
                                   headers=headers, **extra)
            return client.post(spec["path"], data=spec.get("form", {}), headers=headers, **extra)

        call(0)
        with CaptureQueriesContext(connection) as queries:
            response = call(1)
        return {"queries": len(queries), "status": response.status_code,
                "bytes": len(response.content), "cache": response.get("X-Cache", ""),
                "sql": [q["sql"][:300] for q in queries.captured_queries] if spec.get("show_sql") else []}
    finally:
        settings.REDIS_URL = redis_url


def main():
    job = json.load(sys.stdin)
    out = {}
    if job.get("prepare"):
        out["prepare"] = prepare(job["prepare"])
    out["counts"] = {spec["name"]: count(spec, n) for n, spec in enumerate(job.get("requests", []))}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
