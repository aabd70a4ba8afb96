"""`import_portal` from the command line, the export generator, the demo batch."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from importer import demo
from importer.models import ImportRun, OldAddress

pytestmark = pytest.mark.django_db


def test_import_portal_shows_progress_and_writes_its_report(small_export, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_portal", str(small_export / "xlsx"), "--media", str(small_export / "media"),
                 "--report", str(tmp_path / "report.txt"), stdout=out, stderr=err)
    assert "40/40" in err.getvalue() and "[########" in err.getvalue()
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "40" in out.getvalue() and "thieu.pdf" in report and Article.objects.count() == 40


def test_import_portal_dry_run_imports_nothing(small_export, tmp_path):
    call_command("import_portal", str(small_export / "csv"), "--dry-run", "--report", str(tmp_path / "r.txt"),
                 stdout=io.StringIO(), stderr=io.StringIO())
    assert not Article.objects.exists() and ImportRun.objects.get().dry_run


@pytest.mark.parametrize("arguments", [["/nowhere/export.csv"], ["{src}", "--mapping", "/nowhere/map.yaml"]])
def test_import_portal_refuses_what_it_cannot_read(small_export, arguments):
    arguments = [a.replace("{src}", str(small_export / "csv")) for a in arguments]
    with pytest.raises(CommandError):
        call_command("import_portal", *arguments, stdout=io.StringIO(), stderr=io.StringIO())


def test_make_portal_export_writes_every_format(tmp_path):
    call_command("make_portal_export", str(tmp_path), "--count", "12", stdout=io.StringIO())
    assert {p.name for p in tmp_path.iterdir()} == {"json", "csv", "xlsx", "pages", "media"}
    assert (tmp_path / "media" / "PublishingImages" / "2021" / "TTTU-3.jpg").exists()


def test_the_demo_batch_is_imported_once_in_both_languages(admin_user):
    demo.load(users={"admin": admin_user}, stdout=io.StringIO())
    demo.load(users={"admin": admin_user}, stdout=io.StringIO())
    run = ImportRun.objects.get()
    assert run.created == 12 and run.warnings
    assert Article.objects.exclude(title_en="").count() == 12
    assert OldAddress.objects.count() == 24
