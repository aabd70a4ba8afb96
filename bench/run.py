#!/usr/bin/env python3
"""The portal's benchmark: one bounded run on loopback, one table. See bench/README.md.

    .venv/bin/python bench/run.py --repeat 3      # default seed (2,000 articles): medians of 3 rounds
    .venv/bin/python bench/run.py --big --repeat 3 --compare bench/results/portal_bench-<stamp>.json
    .venv/bin/python bench/run.py --only article  # rows whose name contains "article" (+ the yardsticks)

It starts (and always stops, on error or Ctrl-C too) gunicorn for the portal four times
(template cache on, page cache off; page cache on; counters in the database instead of Redis;
nothing cached: page cache off and DJANGO_FRAGMENT_CACHE_SECONDS=0, no template cache
(`{% cache %}`) either), gunicorn for the minimal Django yardstick, nginx serving a saved copy of
the article page, and the production nginx configuration in front of the cached portal; drives
each with wrk for a fixed time; counts queries per request in-process; checks that the visit
counters stay exact; and prints one verdict line per target (issue 16's, and issue 9's kept).
"""

import argparse
import gzip
import json
import os
import platform
import re
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = sys.executable
SECRET = "bench-only-secret-" + "k" * 50
REDIS_URL = "redis://127.0.0.1:6379/12"
ARTICLE = "bench-reference"
# What every browser sends: the portal and nginx answer it with the gzip copy they keep.
AS_BROWSERS_ASK = "Accept-Encoding: gzip, deflate, br, zstd"
CATEGORY = "tin-hoat-dong"
SEARCH = "chuyen doi so"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE

# Row names (as printed; the targets and --compare find rows by them).
ARTICLE_ROW = "article (20 comments, 3 files)"
TEMPLATE_CACHE = ", template cache, no page cache"
NOTHING_CACHED = ", nothing cached"
ARTICLE_TEMPLATE_CACHE = ARTICLE_ROW + TEMPLATE_CACHE
ARTICLE_NOTHING_CACHED = ARTICLE_ROW + NOTHING_CACHED
# Names before issue 16, so that --compare still pairs the rows of an older results file.
OLD_NAMES = {", uncached": TEMPLATE_CACHE, ", nothing cached (no fragments)": NOTHING_CACHED}

# The servers (their names are internal): "uncached" = template cache on, page cache off;
# "cached" = page cache on (300 s); "dbcount" = no Redis; "cold" = nothing cached.
PORTS = {"uncached": 8410, "cached": 8411, "dbcount": 8412, "cold": 8413, "minimal": 8420,
         "static": 8430, "static_tls": 8431, "nginx_http": 8440, "nginx_tls": 8441}


# -- processes ----------------------------------------------------------------------------------

class Processes:
    """Every process the bench starts, each in its own process group, stopped in reverse order."""

    def __init__(self):
        self.started = []

    def start(self, name, cmd, *, env, log):
        handle = open(log, "ab")
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.started.append((name, process, handle))
        return process

    def stop_all(self):
        for name, process, _handle in reversed(self.started):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 15
        for name, process, handle in reversed(self.started):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait(timeout=5)
            handle.close()
        self.started.clear()


def port_free(port):
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def fetch(url, *, headers=None, data=None, timeout=30):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER, **(headers or {})}, data=data)
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=INSECURE))
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited ({process.returncode}); see its log")
        try:
            status, _headers, _body = fetch(url, timeout=5)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up within {timeout} s")


# -- the database -------------------------------------------------------------------------------

def database_url(name):
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def ensure_database(name):
    import psycopg

    if not name.startswith("portal_bench"):
        raise SystemExit("the bench only uses databases named portal_bench*")
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}", file=sys.stderr)


def sql_one(name, query, params=()):
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={name}") as conn:
        return conn.execute(query, params).fetchone()


def analyze(name):
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={name}", autocommit=True) as conn:
        conn.execute("ANALYZE")


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# -- environments -------------------------------------------------------------------------------

def base_env(args, work):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "GUNICORN_")) and k not in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT")}
    env.update(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_COOKIES="0", DJANGO_STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"), DATABASE_URL=database_url(args.db),
        DJANGO_REQUEST_LOG_LEVEL="WARNING", DJANGO_LOG_LEVEL="WARNING",
        # wrk and the production nginx both talk from loopback: believe their X-Forwarded-For.
        DJANGO_TRUSTED_PROXIES="127.0.0.1",
        # Every reader of the bench comes from loopback (nginx replaces X-Forwarded-For with the
        # address it saw): no cap on new readers per address, which would stop counting at 100.
        STATS_NEW_READERS_PER_ADDRESS="0",
        GUNICORN_WORKERS=str(args.workers), GUNICORN_THREADS="1",
        # Worker recycling (5,000 requests in production) would restart workers mid-row at
        # thousands of requests per second; both the portal and the yardstick run without it.
        GUNICORN_MAX_REQUESTS=str(args.max_requests),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def portal_env(args, work, *, cache_seconds, redis=True):
    env = base_env(args, work)
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", DJANGO_PAGE_CACHE_SECONDS=str(cache_seconds))
    if redis:
        env.update(REDIS_URL=REDIS_URL, DJANGO_CACHE_PREFIX="bench")
    return env


def manage(env, *argv, timeout=3600):
    subprocess.run([PY, "manage.py", *argv], cwd=ROOT, env=env, check=True, timeout=timeout)


# -- wrk ----------------------------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, *, duration, threads, connections, script=None, headers=(), env=None, timeout="10s"):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", f"--timeout={timeout}"]
    for header in headers:
        cmd += ["-H", header]
    if script:
        cmd += ["-s", str(BENCH / "lua" / script)]
    cmd.append(url)
    run_env = {**os.environ, "BENCH_LUA_DIR": str(BENCH / "lua"), **(env or {})}
    out = subprocess.run(cmd, capture_output=True, text=True, env=run_env, timeout=duration + 60).stdout
    result = {"rps": 0.0, "p50": None, "p99": None, "errors": 0, "requests": 0, "statuses": {}, "raw": out}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        result["rps"] = float(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", out, re.M):
        result["p50"] = _ms(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", out, re.M):
        result["p99"] = _ms(m.group(1))
    if m := re.search(r"(\d+) requests in", out):
        result["requests"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        result["errors"] += sum(int(x) for x in m.groups())
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        result["errors"] += int(m.group(1))
    if m := re.search(r"^STATUS (.*)$", out, re.M):
        result["statuses"] = dict(part.split("=") for part in m.group(1).split())
    return result


# -- nginx --------------------------------------------------------------------------------------

def certificate(directory):
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(directory / "privkey.pem"), "-out", str(directory / "fullchain.pem")],
                   check=True, capture_output=True, timeout=60)
    return directory


def nginx_main_conf(directory, workers, http_block):
    temp = directory / "temp"
    for sub in ("temp", "logs", "cache"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    return f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes {workers};
pid {directory}/nginx.pid;
error_log {directory}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{http_block}
}}
"""


def start_nginx(procs, name, directory, conf_text):
    conf = directory / "nginx.conf"
    conf.write_text(conf_text)
    check = subprocess.run(["/usr/sbin/nginx", "-t", "-c", str(conf), "-p", str(directory)],
                           capture_output=True, text=True, timeout=30)
    if check.returncode:
        raise RuntimeError(f"nginx {name}: {check.stderr}")
    return procs.start(name, ["/usr/sbin/nginx", "-c", str(conf), "-p", str(directory), "-g", "daemon off;"],
                       env=os.environ.copy(), log=directory / "logs" / "stdout.log")


def static_nginx(procs, work, workers, certs):
    directory = work / "nginx-static"
    conf = nginx_main_conf(directory, workers, f"""
    server {{
        listen 127.0.0.1:{PORTS["static"]};
        root {work / "copy"};
        gzip_static on;
        location / {{ default_type text/html; }}
    }}
    server {{
        listen 127.0.0.1:{PORTS["static_tls"]} ssl;
        ssl_certificate {certs}/fullchain.pem;
        ssl_certificate_key {certs}/privkey.pem;
        ssl_session_cache shared:bench_tls:10m;
        root {work / "copy"};
        gzip_static on;
        location / {{ default_type text/html; }}
    }}""")
    return start_nginx(procs, "nginx-static", directory, conf)


def production_nginx(procs, work, workers, certs):
    """deploy/nginx/portal.conf.template filled in as the tests do, listening on loopback only."""
    directory = work / "nginx-prod"
    (work / "media").mkdir(exist_ok=True)
    values = {
        "UPSTREAM": f"127.0.0.1:{PORTS['cached']}", "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"), "CACHE_DIR": str(directory / "cache"), "CERT_DIR": str(certs),
        "HTTP_PORT": f"127.0.0.1:{PORTS['nginx_http']}", "HTTPS_PORT": f"127.0.0.1:{PORTS['nginx_tls']}",
        "SERVER_NAME": "localhost",
    }
    text = (ROOT / "deploy/nginx/portal.conf.template").read_text()
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    if "${" in text:
        raise RuntimeError("deploy/nginx/portal.conf.template uses a variable the bench does not fill")
    return start_nginx(procs, "nginx-prod", directory, nginx_main_conf(directory, workers, text))


# -- the exactness check ------------------------------------------------------------------------

def counts_now(args, article_id):
    day = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    row = sql_one(args.db, "SELECT page_views, visits FROM stats_dailystat WHERE day = %s", [day]) or (0, 0)
    reads = sql_one(args.db, "SELECT read_count FROM articles_article WHERE id = %s", [article_id])[0]
    return {"page_views": row[0], "visits": row[1], "reads": reads}


def exactness_check(args, env, article_id, n):
    """N readers each load the article through the production nginx (micro-cache) and send its beacon.

    The counters in Redis are folded into PostgreSQL (flush_stats) before and after; page views,
    visits and the article's reads must each grow by exactly the number of beacons answered
    "counted", and every page must have come from nginx's cache.
    """
    manage(env, "flush_stats", timeout=300)
    before = counts_now(args, article_id)
    base = f"https://localhost:{PORTS['nginx_tls']}"
    page = f"/vi/articles/{ARTICLE}/"
    body = json.dumps({"path": page, "article": article_id}).encode()
    lock = threading.Lock()
    tally = {"counted": 0, "refused": 0, "hits": 0, "pages": 0}

    def reader(worker):
        for i in range(worker, n, 8):
            # One browser per reader: nginx tells the app the address it saw, loopback for all.
            browser = {"User-Agent": BROWSER.replace("Chrome/131.0", f"Chrome/131.0.{i}")}
            status, headers, _ = fetch(base + page, headers=browser)
            answer = fetch(base + "/stats/beacon", data=body, headers={
                **browser, "Content-Type": "application/json", "Origin": base})
            counted = answer[0] == 200 and json.loads(answer[2]).get("counted") is True
            with lock:
                tally["pages"] += status == 200
                tally["hits"] += headers.get("X-Micro-Cache") in ("HIT", "UPDATING", "STALE")
                tally["counted" if counted else "refused"] += 1

    workers = [threading.Thread(target=reader, args=(w,)) for w in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    manage(env, "flush_stats", timeout=300)
    after = counts_now(args, article_id)
    delta = {key: after[key] - before[key] for key in before}
    exact = all(value == tally["counted"] for value in delta.values()) and tally["counted"] == n
    return {"sent": n, **tally, "delta": delta, "exact": exact}


# -- the run ------------------------------------------------------------------------------------

def rows(args, prep):
    """What is measured: (name, server, path, options)."""
    article = f"/vi/articles/{ARTICLE}/"
    pages = [
        ("home page", "/vi/"),
        ("category page", f"/vi/category/{CATEGORY}/"),
        ("category page 50", f"/vi/category/{CATEGORY}/?page=50"),
        (ARTICLE_ROW, article),
        ("search", "/vi/search/?q=" + SEARCH.replace(" ", "+")),
        # Legal documents (documents.seeding): the list, two filters combined, a number searched.
        ("documents list", "/vi/documents/"),
        ("documents filtered", f"/vi/documents/?year={datetime.now().year - 1}&validity=in_force"),
        ("documents number search", "/vi/documents/?q=" + urllib.parse.quote_plus(args.document_number)),
        # Words every size holds a full page of.
        ("documents words search", "/vi/documents/?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91"),
    ]
    staff = [f"Cookie: sessionid={prep['session']}"]
    beacon = json.dumps({"path": article, "article": prep["article_id"]})
    form = (f"name=Nguyen+Van+An&email=an%40example.com&body=Bai+viet+rat+huu+ich+cho+nguoi+dan&website="
            f"&captcha_0={prep['captcha_key']}&captcha_1=WRONG&csrfmiddlewaretoken={prep['csrf_token']}")
    out = [
        ("nginx: static copy of the article, HTTP", "static", "/article.html", {}),
        ("nginx: static copy of the article, HTTPS", "static_tls", "/article.html", {}),
        ("nginx: static copy of the article, HTTP, gzip", "static", "/article.html", {"headers": [AS_BROWSERS_ASK]}),
        ("nginx: static copy of the article, HTTPS, gzip", "static_tls", "/article.html",
         {"headers": [AS_BROWSERS_ASK]}),
        ("minimal Django page (1 query)", "minimal", f"/page/{ARTICLE}/", {"queries": 1}),
    ]
    # The template cache warm, the page cache off: every request runs the view and the
    # template; the costly blocks come from the template cache (`{% cache %}`).
    out += [(f"{name}{TEMPLATE_CACHE}", "uncached", path, {"page": True, "q": {"cache_seconds": 0}})
            for name, path in pages]
    # Nothing cached at all: page cache off and DJANGO_FRAGMENT_CACHE_SECONDS=0 (no template
    # cache): what the first reader after a change, or a site without a cache, pays.
    out += [(f"{name}{NOTHING_CACHED}", "cold", path,
             {"page": True, "q": {"cache_seconds": 0, "fragment_seconds": 0}}) for name, path in pages]
    # An anonymous reader's page-cache hit (X-Cache: HIT, 0 queries).
    out += [(f"{name}, Django cache", "cached", path, {"page": True, "q": {"cache_seconds": 300}})
            for name, path in pages]
    out += [(f"{name}, Django cache, gzip", "cached", path,
             {"page": True, "headers": [AS_BROWSERS_ASK], "q": {"cache_seconds": 300}})
            for name, path in pages if name in ("home page", ARTICLE_ROW)]
    out += [
        ("article via production nginx (micro-cache), HTTPS", "nginx_tls", article, {}),
        ("article via production nginx (micro-cache), HTTPS, gzip", "nginx_tls", article, {"headers": [AS_BROWSERS_ASK]}),
        ("comment POST (wrong captcha)", "uncached", f"/vi/articles/{ARTICLE}/comment/",
         {"script": "comment.lua", "env": {"BENCH_BODY": form,
                                           "BENCH_COOKIE": f"csrftoken={prep['csrf_cookie']}"},
          "q": {"method": "POST", "form": dict(pair.split("=", 1) for pair in form.split("&"))}}),
        ("stats beacon, Redis", "uncached", "/stats/beacon",
         {"script": "beacon.lua", "env": {"BENCH_BODY": beacon}, "q": {"method": "POST", "beacon": True}}),
        ("stats beacon, database", "dbcount", "/stats/beacon",
         {"script": "beacon.lua", "env": {"BENCH_BODY": beacon},
          "q": {"method": "POST", "beacon": True, "no_redis": True}}),
        ("statistics page, 30 days (signed in)", "uncached", "/admin/stats/dailystat/",
         {"headers": staff, "q": {"login": True}}),
        ("statistics page, 365 days (signed in)", "uncached", "/admin/stats/dailystat/?days=365",
         {"headers": staff, "q": {"login": True}}),
        ("statistics page, 365 days, one at a time", "uncached", "/admin/stats/dailystat/?days=365",
         {"headers": staff, "serial": True}),
        ("admin article list (signed in)", "uncached", "/admin/articles/article/",
         {"headers": staff, "q": {"login": True}}),
        ("admin article list, one at a time", "uncached", "/admin/articles/article/",
         {"headers": staff, "serial": True}),
    ]
    if args.skip:
        out = [row for row in out if not any(word in row[0] for word in args.skip)]
    if args.only:
        # The yardsticks always run: nginx's static copy, the minimal page, and the article with
        # the template cache (the beacon's yardstick).
        out = [row for row in out if any(word in row[0] for word in args.only)
               or row[1] in ("static", "minimal") or row[0] == ARTICLE_TEMPLATE_CACHE]
    return out


def query_counts(env, table, prep_slug):
    """Run bench/queries.py in the portal's environment: queries per request, and the load's inputs."""
    specs = []
    for name, server, path, options in table:
        q = options.get("q")
        if q is None:
            continue
        spec = {"name": name, "path": path, "method": q.get("method", "GET"), "login": q.get("login", False),
                "cache_seconds": q.get("cache_seconds", 0), "no_redis": q.get("no_redis", False)}
        if "fragment_seconds" in q:
            # queries.py counts these in a process of their own started with
            # DJANGO_FRAGMENT_CACHE_SECONDS set (the portal reads it when its settings load).
            spec["fragment_seconds"] = q["fragment_seconds"]
        if q.get("beacon"):
            spec["json"] = json.loads(options["env"]["BENCH_BODY"])
            spec["headers"] = {"Origin": f"http://127.0.0.1:{PORTS['uncached']}"}
        if "form" in q:
            spec["form"] = {k: urllib.parse.unquote_plus(v) for k, v in q["form"].items()}
        specs.append(spec)
    job = {"prepare": prep_slug, "requests": specs}
    done = subprocess.run([PY, str(BENCH / "queries.py")], cwd=ROOT, env=env, input=json.dumps(job),
                          capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"bench/queries.py failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def drain(server):
    """Wait until the server has finished what wrk left queued, so it does not slow the next row."""
    if server not in ("uncached", "cached", "dbcount", "cold", "minimal"):
        return
    url = f"http://127.0.0.1:{PORTS[server]}" + ("/page/bench-reference/" if server == "minimal" else "/healthz")
    for _ in range(args_workers()):
        try:
            fetch(url, timeout=120)
        except OSError:
            pass


def args_workers():
    return int(os.environ.get("BENCH_WORKERS", "3"))


def fmt_ms(value):
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 10 else f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def fmt_ratio(value):
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--big", action="store_true",
                        help="database portal_bench_100k seeded with 100,000 articles and 1,000,000 comments")
    parser.add_argument("--db", help="PostgreSQL database (portal_bench*); default portal_bench or portal_bench_100k")
    parser.add_argument("--articles", type=int, help="seed size when the database is empty (default 2000; --big 100000)")
    parser.add_argument("--comments-per-article", type=int, help="default 5; --big 10")
    parser.add_argument("--documents", type=int, help="legal documents when there are none (default 2000; --big 50000)")
    parser.add_argument("-d", "--duration", type=int, default=10, help="seconds per row (default 10)")
    parser.add_argument("-t", "--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("-c", "--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load before each row (default 2)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3)")
    parser.add_argument("--max-requests", type=int, default=0, help="gunicorn max_requests (default 0: off)")
    parser.add_argument("--nginx-workers", default="auto", help="nginx worker_processes (default auto)")
    parser.add_argument("--check-beacons", type=int, default=600, help="beacons of the exactness check")
    parser.add_argument("--only", nargs="*", help="only rows whose name contains one of these words (the yardsticks always run: "
                             "nginx's static copy, the minimal page, the article with template cache)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="measure every row this many times, in rounds, and report the median (default 1)")
    parser.add_argument("--skip", nargs="*", help="leave out rows whose name contains one of these words")
    parser.add_argument("--compare", type=Path, help="an earlier results JSON: print the change per row")
    parser.add_argument("--keep-logs", action="store_true", help="keep the temporary directory (logs)")
    args = parser.parse_args()
    args.db = args.db or ("portal_bench_100k" if args.big else "portal_bench")
    args.articles = args.articles if args.articles is not None else (100_000 if args.big else 2000)
    args.comments_per_article = (args.comments_per_article if args.comments_per_article is not None
                                 else (10 if args.big else 5))
    args.documents = args.documents if args.documents is not None else (50_000 if args.big else 2000)

    busy = [port for port in PORTS.values() if not port_free(port)]
    if busy:
        raise SystemExit(f"ports in use: {busy} (another bench running?)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.load_start = os.getloadavg()[0]
    os.environ["BENCH_WORKERS"] = str(args.workers)
    procs = Processes()
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    started = time.monotonic()
    try:
        run(args, procs, work)
    finally:
        procs.stop_all()
        try:
            flush_redis()
        except Exception:
            pass
        if args.keep_logs:
            print(f"logs kept in {work}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(work, ignore_errors=True)
        print(f"bench finished in {time.monotonic() - started:.0f} s", file=sys.stderr)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args, procs, work):
    ensure_database(args.db)
    flush_redis()
    env_uncached = portal_env(args, work, cache_seconds=0)
    log(f"migrating {args.db}")
    manage(env_uncached, "migrate", "--noinput", "-v0")
    log("seeding (only if empty)")
    manage(env_uncached, "seed_bench", "--if-empty", "--articles", str(args.articles),
           "--comments-per-article", str(args.comments_per_article))
    # Statistics for a year and the reference article, also on a database seeded before they existed.
    manage(env_uncached, "seed_bench", "--articles", "0", "--comments-per-article", "0")
    # Legal documents (documents.seeding), also on a database seeded before they existed.
    manage(env_uncached, "seed_documents", "--if-empty", "--documents", str(args.documents))
    # As the hourly job does on a running site: fold the counters in and rank the articles read
    # most (the pages show that stored ranking; a database just seeded has none yet).
    manage(env_uncached, "flush_stats", timeout=600)
    # Fresh planner statistics, as autovacuum would have them on a running site: right after
    # a bulk seed they may still describe an empty table (seen: the article lookup scanning
    # the "published" index instead of the slug's, 1 ms instead of 0.1 ms).
    analyze(args.db)
    n_articles = sql_one(args.db, "SELECT count(*) FROM articles_article")[0]
    n_comments = sql_one(args.db, "SELECT count(*) FROM comments_comment")[0]
    # A number both sizes hold (documents.seeding numbers the first documents alike at any size).
    found = sql_one(args.db, "SELECT number FROM documents_document WHERE number LIKE '45/%%' AND NOT is_draft "
                             "ORDER BY id LIMIT 1")
    args.document_number = found[0] if found else "45"
    log("collectstatic")
    manage(env_uncached, "collectstatic", "--noinput", "-v0")

    log("starting servers")
    servers = {
        "uncached": ("portal.wsgi:application", env_uncached),
        # Behind the production nginx on a non-default port, the beacon's Origin carries the port.
        "cached": ("portal.wsgi:application", {**portal_env(args, work, cache_seconds=300),
                                               "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://localhost:{PORTS['nginx_tls']}"}),
        "dbcount": ("portal.wsgi:application", portal_env(args, work, cache_seconds=0, redis=False)),
        "cold": ("portal.wsgi:application", {**env_uncached, "DJANGO_FRAGMENT_CACHE_SECONDS": "0"}),
        "minimal": ("bench.minimal.wsgi:application",
                    {**base_env(args, work), "DJANGO_SETTINGS_MODULE": "bench.minimal.settings"}),
    }
    handles = {}
    for name, (app, env) in servers.items():
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{PORTS[name]}"}
        handles[name] = procs.start(name, [PY, "-m", "gunicorn", "--config", "gunicorn.conf.py", app],
                                    env=env, log=work / f"{name}.log")
    for name, process in handles.items():
        wait_for(f"http://127.0.0.1:{PORTS[name]}" + ("/page/bench-reference/" if name == "minimal" else "/healthz"),
                 process)

    # The saved copy nginx serves: the article page exactly as readers get it.
    status, _headers, html = fetch(f"http://127.0.0.1:{PORTS['uncached']}/vi/articles/{ARTICLE}/")
    if status != 200:
        raise RuntimeError(f"the article page answered {status}")
    (work / "copy").mkdir()
    (work / "copy" / "article.html").write_bytes(html)
    # ... and compressed beside it, as a static site serves it to browsers (gzip_static).
    (work / "copy" / "article.html.gz").write_bytes(gzip.compress(html, 6))
    certs = certificate(work / "certs")
    static_nginx(procs, work, args.nginx_workers, certs)
    production_nginx(procs, work, args.nginx_workers, certs)
    wait_for(f"http://127.0.0.1:{PORTS['static']}/article.html", procs.started[-2][1])
    wait_for(f"http://127.0.0.1:{PORTS['nginx_http']}/healthz", procs.started[-1][1])

    log("counting queries in-process")
    queries_env = {**env_uncached, "BENCH_HOST": f"127.0.0.1:{PORTS['uncached']}"}
    prep = query_counts(queries_env, [], ARTICLE)["prepare"]
    table = rows(args, prep)
    counted = query_counts(queries_env, table, None)["counts"]

    # With --repeat N the whole table is measured N times, round after round, so that a passing
    # disturbance of the machine hits one sample of a row, not all; the median sample is kept.
    samples = {}
    for round_number in range(max(1, args.repeat)):
        if args.repeat > 1:
            log(f"round {round_number + 1} of {args.repeat}")
        for name, server, path, options in table:
            samples.setdefault(name, []).append(measure(args, name, server, path, options, counted))
    results = []
    for name, *_rest in table:
        runs = sorted(samples[name], key=lambda r: r["rps"])
        chosen = dict(runs[len(runs) // 2])
        if len(runs) > 1:
            chosen["notes"] = ", ".join(filter(None, [
                chosen["notes"], f"median of {len(runs)}: {runs[0]['rps']:,.0f}–{runs[-1]['rps']:,.0f} req/s"]))
        results.append(chosen)
    minimal_rps = next((r["rps"] for r in results if r["server"] == "minimal"), None)
    static_rps = {gzipped: next((r["rps"] for r in results if r["server"] == "static" and compressed(r) == gzipped), None)
                  for gzipped in (False, True)}

    check = None
    if not args.only or any("nginx" in word or "check" in word for word in args.only):
        log(f"exactness check: {args.check_beacons} readers through the production nginx")
        check = exactness_check(args, env_uncached, prep["article_id"], args.check_beacons)

    report(args, results, minimal_rps, static_rps, check, n_articles, n_comments)


def measure(args, name, server, path, options, counted):
    """One wrk measurement of one row (after a warm-up), then the server is let drain."""
    scheme = "https" if server in ("static_tls", "nginx_tls") else "http"
    host = "localhost" if server == "nginx_tls" else "127.0.0.1"
    url = f"{scheme}://{host}:{PORTS[server]}{path}"
    env = {"BENCH_PATH": path, "BENCH_ORIGIN": f"http://127.0.0.1:{PORTS[server]}", **options.get("env", {})}
    headers = options.get("headers", ())
    notes = []
    if not options.get("script"):
        status, response_headers, body = fetch(url, headers=dict(h.split(": ", 1) for h in headers))
        status, response_headers, body = fetch(url, headers=dict(h.split(": ", 1) for h in headers))
        if status != 200:
            notes.append(f"answers {status}")
        for header in ("X-Cache", "X-Micro-Cache", "Content-Encoding"):
            if header in response_headers:
                notes.append(f"{header} {response_headers[header]}")
        notes.append(f"{len(body) // 1024} KB")
    threads, connections = (1, 1) if options.get("serial") else (args.threads, args.connections)
    duration = min(args.duration, 5) if options.get("serial") else args.duration
    log(f"{name}: {url}")
    if args.warmup:
        wrk(url, duration=args.warmup, threads=threads, connections=connections,
            script=options.get("script"), headers=headers, env=env)
    result = wrk(url, duration=duration, threads=threads, connections=connections,
                 script=options.get("script"), headers=headers, env=env)
    if result["statuses"]:
        notes.append(" ".join(f"{k}:{v}" for k, v in sorted(result["statuses"].items())))
    q = counted.get(name)
    queries = options.get("queries", q["queries"] if q else None)
    if server == "nginx_tls":
        queries = 0
    if result["requests"] == 0:
        log(f"wrk said:\n{result['raw']}")
    drain(server)
    return {"name": name, "server": server, "url": url, "rps": result["rps"], "p50": result["p50"],
            "p99": result["p99"], "errors": result["errors"], "requests": result["requests"],
            "queries": queries, "notes": ", ".join(notes), "serial": bool(options.get("serial")),
            "page": bool(options.get("page")),
            "statuses": result["statuses"]}


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def report(args, results, minimal_rps, static_rps, check, n_articles, n_comments):
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    load = " / ".join(f"{start:.1f} -> {end:.1f}" for start, end in [(args.load_start, os.getloadavg()[0])])
    head = (f"{when} · load average (1 min) at start -> end: {load} · {os.cpu_count()} cores ({cpu_model()}) · database {args.db}: {n_articles:,} articles, "
            f"{n_comments:,} comments · wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
            f"(\"one at a time\": -t1 -c1 -d{min(args.duration, 5)}s) · gunicorn {args.workers} sync workers"
            + (f" · median of {args.repeat} rounds" if args.repeat > 1 else ""))
    lines = [head, "",
             "| what | req/s | p50 ms | p99 ms | errors | queries | × minimal | × nginx | notes |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        to_min = r["rps"] / minimal_rps if minimal_rps else None
        # A compressed answer is compared with the compressed static copy, as browsers get both.
        yardstick = static_rps[compressed(r)]
        to_static = r["rps"] / yardstick if yardstick else None
        queries = "-" if r["queries"] is None else str(r["queries"])
        lines.append(f"| {r['name']} | {r['rps']:,.0f} | {fmt_ms(r['p50'])} | {fmt_ms(r['p99'])} | {r['errors']} | "
                     f"{queries} | {fmt_ratio(to_min)} | {to_static:.3f} | {r['notes']} |"
                     if to_static is not None else
                     f"| {r['name']} | {r['rps']:,.0f} | {fmt_ms(r['p50'])} | {fmt_ms(r['p99'])} | {r['errors']} | "
                     f"{queries} | {fmt_ratio(to_min)} | - | {r['notes']} |")
    if check:
        lines += ["", f"Exactness check (production nginx, Redis counters, flush_stats before/after): "
                      f"{check['sent']} readers, {check['pages']} pages ({check['hits']} from nginx's cache), "
                      f"{check['counted']} beacons counted, {check['refused']} refused; database grew by "
                      f"page views +{check['delta']['page_views']}, visits +{check['delta']['visits']}, "
                      f"article reads +{check['delta']['reads']}: {'EXACT' if check['exact'] else 'NOT EXACT'}"]
    lines += ["", *targets(results, minimal_rps, static_rps, check)]
    if args.compare and args.compare.exists():
        lines += ["", *compare(results, json.loads(args.compare.read_text()))]
    text = "\n".join(lines)
    print(text)
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    (out / f"{args.db}-{stamp}.md").write_text(text + "\n")
    (out / f"{args.db}-{stamp}.json").write_text(json.dumps(
        {"when": when, "db": args.db, "articles": n_articles, "comments": n_comments, "results": results,
         "check": check}, indent=1))
    print(f"\nsaved: bench/results/{args.db}-{stamp}.md and .json", file=sys.stderr)


def compressed(row):
    return row["name"].endswith(", gzip")


def targets(results, minimal_rps, static_rps, check):
    """One verdict line per target (bench/README.md, "Targets"); a target whose rows did not run is left out."""
    by = {r["name"]: r for r in results}

    def rps(name):
        return by[name]["rps"] if name in by else None

    def verdict(ok):
        return "MET" if ok else "MISSED"

    def lowest(rows, floor, what):
        """The row furthest below `floor` (ratio to the minimal page) among `rows`."""
        ratios = [(r["name"], r["rps"] / minimal_rps) for r in rows]
        worst = min(ratios, key=lambda item: item[1])
        return (f"{what} >= {floor:g}x minimal: lowest {worst[1]:.2f} ({worst[0]}) -> {verdict(worst[1] >= floor)} "
                f"({sum(1 for _n, v in ratios if v >= floor)}/{len(ratios)} rows meet it)")

    out = ["Targets of issue 16 (ratios to the minimal Django page of this run):"]
    article = rps(ARTICLE_TEMPLATE_CACHE)
    cold = by.get(ARTICLE_NOTHING_CACHED)
    if cold and minimal_rps:
        ratio = cold["rps"] / minimal_rps
        queries = cold["queries"]
        few = queries is not None and queries <= 6
        out.append(f"16.1 article, nothing cached >= 0.15x minimal and <= 6 queries: {ratio:.2f}, {queries} queries "
                   f"-> {verdict(ratio >= 0.15 and few)}")
    listings = [r for r in results if r["server"] == "cold" and r["name"].startswith(("home page", "category page"))]
    if listings and minimal_rps:
        out.append("16.2 " + lowest(listings, 0.15, "home and category pages, nothing cached"))
    if article and minimal_rps:
        ratio = article / minimal_rps
        out.append(f"16.3 article, template cache, no page cache >= 0.35x minimal: {ratio:.2f} -> {verdict(ratio >= 0.35)}")
    cached = [r for r in results if r["server"] == "cached"]
    if cached and minimal_rps:
        out.append("16.4 " + lowest(cached, 2, "anonymous page-cache hits (Django cache)"))

    out += ["", "Targets of issue 9 (kept; its targets 1 and 2 are replaced by 16.3 and 16.4):"]
    via = rps("article via production nginx (micro-cache), HTTPS, gzip")
    if via and static_rps[True]:
        # As browsers ask (gzip accepted), against the static copy asked the same way.
        ratio = via / static_rps[True]
        line = f"9.3 production nginx >= 1/3 of nginx static (HTTP), as browsers ask (gzip): {ratio:.2f}"
        if tls := rps("nginx: static copy of the article, HTTPS, gzip"):
            line += f" ({via / tls:.2f} of the static copy over HTTPS)"
        if check is not None:
            line += f", counts {'exact' if check['exact'] else 'NOT exact'}"
        line += f" -> {verdict(ratio >= 1 / 3 and (check is None or check['exact']))}"
        if check is None:
            line += " (counts not checked in this run)"
        plain, plain_tls = (rps("article via production nginx (micro-cache), HTTPS"),
                            rps("nginx: static copy of the article, HTTPS"))
        if plain and plain_tls and static_rps[False]:
            line += (f"; uncompressed (wrk's bare request): {plain / static_rps[False]:.2f}, where TLS caps even "
                     f"the static copy at {plain_tls / static_rps[False]:.2f}")
        out.append(line)
    public = [r for r in results if r.get("page") and r["server"] != "cached"]
    if public:
        worst = max(public, key=lambda r: r["queries"] if r["queries"] is not None else 99)
        unknown = [r["name"] for r in public if r["queries"] is None]
        ok = not unknown and worst["queries"] <= 8
        out.append(f"9.4 public pages <= 8 queries: most {worst['queries']} ({worst['name']})"
                   + (f", not counted: {', '.join(unknown)}" if unknown else "")
                   + f" -> {verdict(ok)}; constant and 100k within 20 %: run the other database with --compare")
    beacon = rps("stats beacon, Redis")
    if beacon and article:
        ratio = beacon / article
        out.append(f"9.5 beacon on Redis >= 3x article with template cache: {ratio:.1f} -> {verdict(ratio >= 3)}")
    for r in (r for r in results if r["serial"]):
        out.append(f"9.6 {r['name']}: median {fmt_ms(r['p50'])} ms -> "
                   f"{verdict(r['p50'] is not None and r['p50'] < 300)} (< 300 ms)")
    return out


def current_name(name):
    """A row's name as this version prints it (results files from before issue 16 used other words)."""
    for old, new in OLD_NAMES.items():
        if name.endswith(old):
            return name[: -len(old)] + new
    return name


def compare(results, earlier):
    """Target 9.4: every row against an earlier run (the other database), relative to each run's minimal page."""
    old = {current_name(r["name"]): r for r in earlier["results"]}
    out = [f"Change against {earlier['db']} ({earlier['articles']:,} articles, {earlier['when']}): "
           "req/s now / then (ratios to the yardsticks of each run); queries must not change"]
    now_min = next((r["rps"] for r in results if r["server"] == "minimal"), None)
    old_min = next((r["rps"] for r in earlier["results"] if r["server"] == "minimal"), None)
    beyond, beyond_raw, changed = 0, 0, 0
    for r in results:
        if r["name"] in old and old[r["name"]]["rps"] and now_min and old_min:
            then = old[r["name"]]
            raw = r["rps"] / then["rps"]
            rel = (r["rps"] / now_min) / (then["rps"] / old_min)
            flag = "" if 0.8 <= rel <= 1.2 else "  <-- more than 20 %"
            # The verdict takes the rows Django answers (nginx's rows do not read the database).
            if r["server"] not in ("static", "static_tls", "nginx_tls"):
                beyond += bool(flag)
                beyond_raw += not 0.8 <= raw <= 1.2
            if r["queries"] != then.get("queries"):
                flag += f"  <-- queries {then.get('queries')} -> {r['queries']}"
                changed += 1
            out.append(f"  {r['name']}: {raw:.2f} raw, {rel:.2f} relative to the minimal page{flag}")
    out.append(f"9.4 Django rows within 20 % of the earlier run, relative to the minimal page: {beyond} beyond "
               f"(raw req/s: {beyond_raw} beyond), {changed} with another query count -> "
               f"{'MET' if not beyond and not changed else 'MISSED'}")
    return out


if __name__ == "__main__":
    main()
