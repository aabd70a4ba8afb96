"""A small batch of the old portal imported: a dozen articles in both languages, their old
addresses (listed in the admin, answering with a 301) and the run's report with its warnings."""

import shutil
import tempfile
from pathlib import Path

from . import generator, services
from .models import ImportRun

DEMO_SOURCE = "Tin Tức (demo)"


def load(*, users, stdout) -> None:
    """This app's part of `manage.py load_demo`."""
    if ImportRun.objects.filter(source=DEMO_SOURCE).exists():
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-demo-import-"))
    try:
        # Items 2 to 13: the seed article itself is the media library's demo (multimedia.demo).
        generator.write(folder, count=13, first=2, pool=4, formats=("json",), english=True, seed_value=7)
        run = services.portal_import(source=folder / "json", media=folder / "media", by=users.get("admin"),
                                     label=DEMO_SOURCE)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    stdout.write(f"Demo import of the old portal: {run.created} articles, report in the admin.")
