"""Profile one page in-process: cProfile around Django's test Client, same settings as the bench.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench REDIS_URL=redis://127.0.0.1:6379/12 \\
      DJANGO_SECRET_KEY=x DJANGO_PAGE_CACHE_SECONDS=0 .venv/bin/python bench/profile_page.py /vi/articles/bench-reference/ 200

DJANGO_PAGE_CACHE_SECONDS=0 profiles the row "template cache, no page cache" (the template cache,
`{% cache %}`, warm after the first requests); add DJANGO_FRAGMENT_CACHE_SECONDS=0 for "nothing
cached" (read when the settings load, so it must be in the environment, not changed later).
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else "/vi/articles/bench-reference/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
client = Client(HTTP_HOST="127.0.0.1")
for _ in range(5):
    assert client.get(path).status_code == 200
started = time.perf_counter()
for _ in range(n):
    client.get(path)
print(f"{path}: {(time.perf_counter() - started) / n * 1000:.2f} ms per request (no profiler)")
profile = cProfile.Profile()
profile.enable()
for _ in range(n):
    client.get(path)
profile.disable()
stats = pstats.Stats(profile).sort_stats("cumulative")
stats.print_stats(int(os.environ.get("BENCH_PROFILE_LINES", "60")))
if os.environ.get("BENCH_PROFILE_TOTTIME"):
    stats.sort_stats("tottime").print_stats(40)
