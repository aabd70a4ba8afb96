"""Lighthouse's four scores for every public page type, against production settings.

    .venv/bin/python bench/lighthouse.py                 # every page type, Vietnamese and English
    .venv/bin/python bench/lighthouse.py --only article  # the rows whose name holds a word
    .venv/bin/python bench/lighthouse.py --keep          # leave the work directory for a look

It builds a throw-away portal in a temporary directory (SQLite, `migrate`, `load_demo`,
`collectstatic`), serves it as production does (gunicorn with DJANGO_DEBUG=0, behind nginx
serving /static/ and /media/ on 127.0.0.1:8450), runs Lighthouse 12 (npm `lighthouse@12.2.3`,
installed into test-artifacts/npm, never committed) with Debian's Chromium on each page, prints
performance / accessibility / best practices / SEO and the audits that cost points, and stops
everything it started. Goals: 100 for accessibility, best practices and SEO (the search page is
`noindex` on purpose, so its SEO is lower), at least 95 for performance.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import PY, ROOT, Processes, nginx_main_conf, port_free, start_nginx, wait_for  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"
NPM_DIR = ROOT / "test-artifacts" / "npm"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
APP_PORT, NGINX_PORT = 8451, 8450
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse_bin() -> Path:
    binary = NPM_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm") or sys.exit("npm is needed to install Lighthouse (apt-get install npm)")
        NPM_DIR.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {NPM_DIR} …", file=sys.stderr)
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(NPM_DIR),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True, timeout=900)
    return binary


def portal_env(work: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "GUNICORN_")) and k not in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="lighthouse-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0", DJANGO_TRUSTED_PROXIES="127.0.0.1",
        DJANGO_SITE_URL=f"http://127.0.0.1:{NGINX_PORT}",
        DJANGO_STATIC_ROOT=str(work / "static"), MEDIA_ROOT=str(work / "media"),
        DATABASE_URL=f"sqlite:///{work / 'portal.sqlite3'}", DEMO_PASSWORD="lighthouse-demo-0123",
        DJANGO_REQUEST_LOG_LEVEL="WARNING", GUNICORN_WORKERS="2", GUNICORN_THREADS="1",
    )
    return env


def build(work: Path, env: dict) -> None:
    for argv in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([PY, "manage.py", *argv], cwd=ROOT, env=env, check=True, timeout=1800,
                       stdout=subprocess.DEVNULL)


def serve(procs: Processes, work: Path, env: dict) -> None:
    for port in (APP_PORT, NGINX_PORT):
        if not port_free(port):
            sys.exit(f"port {port} is in use")
    app = procs.start("portal", [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{APP_PORT}",
                                 "portal.wsgi"], env=env, log=work / "gunicorn.log")
    wait_for(f"http://127.0.0.1:{APP_PORT}/healthz", app)
    directory = work / "nginx"
    conf = nginx_main_conf(directory, 1, f"""
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        gzip on;
        gzip_types text/css application/javascript image/svg+xml application/json application/xml;
        location /static/ {{ alias {work / "static"}/; expires 1y; add_header Cache-Control "public, immutable"; }}
        location /media/ {{ alias {work / "media"}/; expires 30d; }}
        location / {{
            proxy_pass http://127.0.0.1:{APP_PORT};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}""")
    server = start_nginx(procs, "nginx", directory, conf)
    wait_for(f"http://127.0.0.1:{NGINX_PORT}/healthz", server)


def pages(env: dict) -> list:
    """(name, path) for every public page type, in both languages."""
    script = (
        "from articles.models import Article, Category\n"
        "a = Article.objects.published().exclude(title_en='').exclude(image='').order_by('-publish_at').first()\n"
        "c = Category.objects.filter(parent__isnull=True).first()\n"
        "from documents.models import Document\n"
        "d = Document.objects.published().filter(is_draft=False).exclude(files=None).order_by('-issue_date').first()\n"
        "from questions.models import Question\n"
        "q = Question.objects.published().filter(language='vi').first()\n"
        "print(a.slug, c.slug, a.publish_at.strftime('%Y/%m'), d.slug, q.pk)\n"
    )
    out = subprocess.run([PY, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout.split()
    slug, category, month, document, question = out[-5:]
    found = []
    for lang in ("vi", "en"):
        found += [
            (f"home {lang}", f"/{lang}/"),
            (f"article {lang}", f"/{lang}/articles/{slug}/"),
            (f"category {lang}", f"/{lang}/category/{category}/"),
            (f"archive {lang}", f"/{lang}/archive/"),
            (f"month {lang}", f"/{lang}/archive/{month}/"),
            (f"search {lang}", f"/{lang}/search/?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91"),
            (f"about {lang}", f"/{lang}/about/"),
            (f"documents {lang}", f"/{lang}/documents/"),
            (f"document {lang}", f"/{lang}/documents/{document}/"),
            (f"questions {lang}", f"/{lang}/questions/"),
            (f"question {lang}", f"/{lang}/questions/{question}/"),
        ]
    return found


def audit(binary: Path, url: str, work: Path, attempts: int = 3) -> dict:
    """Lighthouse's report on `url`; a run that fails (Lighthouse's own NO_NAVSTART, now and then
    with headless Chromium) is tried again, up to `attempts` times."""
    report = work / "report.json"
    for attempt in range(attempts):
        report.unlink(missing_ok=True)
        done = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-path={CHROMIUM}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
        )
        if done.returncode == 0 and report.exists():
            break
    else:
        raise RuntimeError(f"Lighthouse failed {attempts} times on {url}: {done.stderr.strip()[-300:]}")
    data = json.loads(report.read_text())
    scores = {name: round((data["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    lost = []
    for name in CATEGORIES:
        for ref in data["categories"][name]["auditRefs"]:
            result = data["audits"][ref["id"]]
            if ref["weight"] and result.get("score") is not None and result["score"] < 1:
                lost.append(f"{name}: {result['title']}")
    return {"scores": scores, "lost": lost}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=[], help="rows whose name holds one of these words")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    binary = lighthouse_bin()
    work = Path(tempfile.mkdtemp(prefix="portal-lighthouse-"))
    env = portal_env(work)
    procs = Processes()
    missed = 0
    try:
        build(work, env)
        serve(procs, work, env)
        print(f"{'page':<14} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  what cost points")
        for name, path in pages(env):
            if args.only and not any(word in name for word in args.only):
                continue
            result = audit(binary, f"http://127.0.0.1:{NGINX_PORT}{path}", work)
            scores = result["scores"]
            short = [s for s in result["lost"] if not (name.startswith("search") and "indexed" in s)]
            missed += any(scores[c] < GOALS[c] for c in CATEGORIES if not (c == "seo" and name.startswith("search")))
            print(f"{name:<14} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES) + "  " + "; ".join(short[:4]),
                  flush=True)
    finally:
        procs.stop_all()
        if args.keep:
            print(f"work directory kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("all goals met" if not missed else f"{missed} page(s) below a goal "
          "(performance 95; accessibility, best practices, SEO 100; the search page's SEO is noindex)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
