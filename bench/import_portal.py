"""How long the import of an old portal takes: 10,000 items with their photos (run by hand).

Writes a synthetic export (importer.generator: the REST API's JSON pages, N distinct photos the
items share, attachments, the debris of real exports), imports it into a fresh PostgreSQL
database `portal_bench_import` (created if missing; emptied by migrating it from zero), then
imports it again (nothing changed: every item skipped) and prints, and writes to
bench/results/import_portal-<stamp>.md, the times.

    .venv/bin/python bench/import_portal.py                      # 10,000 items, 1,000 photos
    .venv/bin/python bench/import_portal.py --items 2000 --images 200 --database sqlite

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) unless --database sqlite.
"""

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = "portal_bench_import"


def manage(env, *arguments, capture=False):
    return subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, text=True,
                          stdout=subprocess.PIPE if capture else None, stderr=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--images", type=int, default=1_000, help="distinct photos the items share")
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    env = {**os.environ, "DJANGO_SECRET_KEY": "bench", "DJANGO_ALLOWED_HOSTS": "localhost",
           "MEDIA_ROOT": str(work / "media-root"), "DJANGO_LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    if options.database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    else:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {DATABASE}"],
                       check=True, capture_output=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {DATABASE}"],
                       check=True, capture_output=True)
    try:
        manage(env, "migrate", "--noinput", "-v0")
        started = time.perf_counter()
        manage(env, "make_portal_export", str(work / "export"), "--count", str(options.items),
               "--images", str(options.images), "--formats", "json", capture=True)
        generated = time.perf_counter() - started
        times, summaries = [], []
        for _round in ("first", "again"):
            started = time.perf_counter()
            out = manage(env, "import_portal", str(work / "export" / "json"), "--media",
                         str(work / "export" / "media"), "--report", str(work / f"report-{_round}.txt"),
                         capture=True).stdout
            times.append(time.perf_counter() - started)
            summaries.append(next(line for line in out.splitlines() if ":" in line))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M")
    lines = [f"# Import of an old portal, {stamp}", "",
             f"{options.items:,} items (JSON pages), {options.images:,} distinct photos, {options.database}, "
             f"{os.cpu_count()} cores shared", "",
             "| step | seconds | per item (ms) | result |", "|---|---:|---:|---|",
             f"| generate the export | {generated:.0f} | {generated * 1000 / options.items:.1f} | |",
             f"| import | {times[0]:.0f} | {times[0] * 1000 / options.items:.1f} | {summaries[0]} |",
             f"| import again (unchanged) | {times[1]:.0f} | {times[1] * 1000 / options.items:.1f} | "
             f"{summaries[1]} |"]
    report = "\n".join(lines) + "\n"
    print(report)
    (ROOT / "bench" / "results" / f"import_portal-{stamp}.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
