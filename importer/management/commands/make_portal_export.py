from django.core.management.base import BaseCommand

from importer import generator


class Command(BaseCommand):
    help = ("Write a synthetic export of an old SharePoint portal (JSON pages, CSV, XLSX, saved pages and their "
            "files) for trying the import: the seed article, then items with the debris real exports hold.")

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--count", type=int, default=500)
        parser.add_argument("--images", type=int, default=40, help="distinct photos the items share")
        parser.add_argument("--formats", default="json,csv,xlsx,pages")

    def handle(self, *args, folder, count, images, formats, **options):
        generator.write(folder, count=count, pool=max(images, 1), formats=tuple(formats.split(",")))
        self.stdout.write(f"{count} items written under {folder} (import them with --media {folder}/media).")
