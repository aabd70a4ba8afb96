"""In-process helper of bench/run.py: queries per request, and what the load needs (cookies, keys).

Run with the portal's environment (the same database and Redis as the servers). Reads a JSON
list of requests on stdin; prints one JSON object on stdout. Each request is made twice with
Django's test Client (the first warms caches, the second is counted with CaptureQueriesContext).

A request may ask for "fragment_seconds" (the template cache, `{% cache %}`; 0 = off). The portal
reads DJANGO_FRAGMENT_CACHE_SECONDS when its settings load (0 turns the "fragments" cache into a
DummyCache there), so changing the setting at run time is not enough: requests that want another
value than this process loaded are counted by a child process started with that environment.
"""

import json
import os
import re
import subprocess
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

# What this process's settings loaded (count() changes the setting for a request, then restores it).
LOADED_FRAGMENT_SECONDS = settings.FRAGMENT_CACHE_SECONDS
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
    fragment_seconds = settings.FRAGMENT_CACHE_SECONDS
    if "fragment_seconds" in spec:
        settings.FRAGMENT_CACHE_SECONDS = spec["fragment_seconds"]
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
        settings.FRAGMENT_CACHE_SECONDS = fragment_seconds


def in_child(requests, fragment_seconds):
    """Count `requests` in a fresh process whose settings load with DJANGO_FRAGMENT_CACHE_SECONDS set."""
    env = {**os.environ, "DJANGO_FRAGMENT_CACHE_SECONDS": str(fragment_seconds)}
    done = subprocess.run([sys.executable, str(Path(__file__).resolve())], env=env, input=json.dumps({"requests": requests}),
                          capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"bench/queries.py (DJANGO_FRAGMENT_CACHE_SECONDS={fragment_seconds}) failed:\n"
                           f"{done.stderr[-3000:]}")
    return json.loads(done.stdout)["counts"]


def main():
    job = json.load(sys.stdin)
    out = {}
    if job.get("prepare"):
        out["prepare"] = prepare(job["prepare"])
    requests = job.get("requests", [])
    counts = {}
    others = {}
    for n, spec in enumerate(requests):
        spec.setdefault("n", n)  # each request its own client address, in a child process too
        wanted = spec.get("fragment_seconds", LOADED_FRAGMENT_SECONDS)
        # Another duration works at run time (the templates read the setting); on/off does not.
        if bool(wanted) != bool(LOADED_FRAGMENT_SECONDS):
            others.setdefault(wanted, []).append(spec)
        else:
            counts[spec["name"]] = count(spec, spec["n"])
    for seconds, group in others.items():
        counts.update(in_child(group, seconds))
    out["counts"] = {spec["name"]: counts[spec["name"]] for spec in requests}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
