import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importer import services
from importer.mapping import Mapping, MappingError
from importer.sources import SourceError


class Command(BaseCommand):
    help = ("Import the old SharePoint portal's articles (a JSON, CSV or XLSX export of the Tin Tức list, "
            "or a folder of saved pages), their files, old addresses and read counts. Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--mapping", help="YAML or JSON file naming other columns and old addresses")
        parser.add_argument("--media", help="the folder of the old portal's files (default: beside the source)")
        parser.add_argument("--base-url", default="",
                            help="the old portal's address: files missing from --media are fetched from it, "
                                 "and from no other host")
        parser.add_argument("--dry-run", action="store_true", help="check every item, import nothing")
        parser.add_argument("--report", help="where to write the report (default: import-report-<run>.txt)")

    def handle(self, *args, source, mapping=None, media=None, base_url="", dry_run=False, report=None, **options):
        try:
            run = services.portal_import(source=Path(source), mapping=Mapping.load(mapping), media=media,
                                         base_url=base_url, dry_run=dry_run, progress=self._progress)
        except (SourceError, MappingError) as error:
            raise CommandError(str(error)) from None
        finally:
            self.stderr.write("")
        path = Path(report or f"import-report-{run.pk}.txt")
        path.write_text(services.report_text(run), encoding="utf-8")
        self.stdout.write(services.report_text(run).split("\n", 2)[1])
        for problem in run.errors[:20]:
            self.stdout.write(f"  row {problem['row']}: {problem['reason']}")
        self.stdout.write(f"Report: {path}")

    def _progress(self, run):
        if run.position % 10 and run.position != run.total:
            return
        width = 40
        done = width * run.position // max(run.total, 1)
        self.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {run.position}/{run.total}", ending="")
        self.stderr.flush() if hasattr(self.stderr, "flush") else sys.stderr.flush()
