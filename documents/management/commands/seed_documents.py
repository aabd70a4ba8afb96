"""python manage.py seed_documents --documents 50000 [--if-empty]: documents.seeding.seed."""

from django.core.management.base import BaseCommand

from documents.models import Document
from documents.seeding import seed


class Command(BaseCommand):
    help = "Add many public documents in bulk, for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=50_000)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any document exists.")

    def handle(self, *args, documents, if_empty, **options):
        if if_empty and Document.objects.exists():
            self.stdout.write("Documents already there: nothing seeded.")
            return
        made = seed(documents, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Seeded {made:,} documents."))
