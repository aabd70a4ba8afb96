"""The import of each format: articles with their metadata, photos, attachments, counts, old
addresses; safe to run again, resumable, and no bad row stops it."""

import csv
import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Attachment, Category
from importer import generator, services
from importer.models import ImportRun, LegacyItem, OldAddress
from multimedia.models import Image

SEED = "Hội nghị trực tuyến toàn quốc sơ kết công tác dân vận 6 tháng đầu năm 2021"
pytestmark = pytest.mark.django_db


def run(source, **options):
    return services.portal_import(source=source, **options)


@pytest.mark.parametrize("kind", ["json", "csv", "xlsx", "pages"])
def test_each_format_brings_the_seed_article_as_it_read(small_export, kind):
    result = run(small_export / kind, media=small_export / "media")
    assert result.status == ImportRun.Status.FINISHED and result.failed == 0
    assert result.created == Article.objects.count() == 40
    article = Article.objects.get(title_vi=SEED)
    assert article.read_count == 1234
    assert timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M") in ("13/07/2021 10:30",
                                                                                  "13/07/2021 00:00")
    assert article.summary_vi.startswith("Sáng ngày 13/7/2021")
    assert article.byline == "Trần Thông Thái-BDVTU"
    # TTTU-1 is the article's own image (shown where the body had it); TTTU-2 and TTTU-3 are library figures.
    assert article.image and article.image_caption_vi == "Điểm cầu trung tâm tại Hà Nội"
    assert article.content_vi.count("<figure>") == 2
    assert article.content_vi.count("<figcaption>Điểm cầu Bình Dương</figcaption>") == 2
    assert "ExternalClass" not in article.content_vi and "mso-" not in article.content_vi
    assert "&nbsp;" not in article.content_vi and "<p></p>" not in article.content_vi
    assert Image.objects.filter(caption="Điểm cầu Bình Dương").count() == 2
    assert OldAddress.objects.filter(article=article, path__iendswith=f"{generator.seed.FRIENDLY_NAME}.aspx").exists()


def test_metadata_lists_and_approval_states_are_kept(small_export):
    run(small_export / "json", media=small_export / "media")
    seed = Article.objects.get(title_vi=SEED)
    assert (seed.category.name, seed.article_type.name, seed.fee, str(seed.coefficient), seed.featured) == \
        ("Hoạt động Ban Dân vận", "Tin", 300000, "1.50", True)
    assert seed.approval == Article.Approval.APPROVED and seed.is_shown
    assert Category.objects.filter(name="Dân vận khéo").count() == 1
    by_id = {item.key: item.article for item in LegacyItem.objects.select_related("article")}
    assert by_id["id:4"].approval == Article.Approval.PENDING  # "2" in SharePoint
    assert by_id["id:6"].approval == Article.Approval.DRAFT  # "Bản nháp"
    assert by_id["id:11"].category.name == "Tin tức"  # no category: the news
    assert [a.title for a in Attachment.objects.filter(article=seed)] == ["ke-hoach-dan-van-2021"]
    assert by_id["id:40"].attachments.count() == 1


def test_links_between_old_articles_lead_to_the_new_addresses(small_export):
    run(small_export / "csv", media=small_export / "media")
    linking = Article.objects.exclude(content_vi__contains="/Pages/").filter(content_vi__contains="bài trước")
    assert linking.count() == 39
    assert not Article.objects.filter(content_vi__icontains="dispform.aspx").exists()
    assert Article.objects.filter(content_vi__contains='href="/vi/articles/').count() == 39


def test_a_second_run_updates_and_never_duplicates(small_export, tmp_path):
    first = run(small_export / "csv", media=small_export / "media")
    again = run(small_export / "csv", media=small_export / "media")
    assert (again.created, again.updated, again.skipped) == (0, 0, 40)
    assert Article.objects.count() == 40 and OldAddress.objects.count() == first.created * 2 - 1  # no name: item 37
    rows = list(csv.DictReader((small_export / "csv" / "Tin Tuc.csv").open(encoding="utf-8-sig")))
    rows[1]["Tiêu đề"], rows[1]["Số lượt người đọc"] = "Tiêu đề đã sửa", "99999"
    with (tmp_path / "changed.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    changed = run(tmp_path / "changed.csv", media=small_export / "media")
    assert (changed.created, changed.updated, changed.skipped) == (0, 1, 39)
    article = LegacyItem.objects.get(key="id:2").article
    assert (article.title_vi, article.read_count) == ("Tiêu đề đã sửa", 99999)
    assert Article.objects.count() == 40


def test_an_interrupted_run_resumes_where_it_stopped(small_export):
    def stop_at_15(current):
        if current.position == 15:
            raise services.Interrupted

    with pytest.raises(services.Interrupted):
        run(small_export / "json", media=small_export / "media", progress=stop_at_15)
    stopped = ImportRun.objects.get()
    assert stopped.status == ImportRun.Status.FAILED and Article.objects.count() == 15
    resumed = run(small_export / "json", media=small_export / "media")
    assert resumed.resumed_from == 15 and resumed.created == 25
    assert Article.objects.count() == 40 and LegacyItem.objects.count() == 40


def _write_rows(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=generator.COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in generator.COLUMNS})


def test_bad_rows_are_reported_with_their_row_and_reason_and_stop_nothing(tmp_path, settings):
    good = {"ID": 1, "Tiêu đề": "Bài tốt", "Nội dung": "<p>Nội dung</p>", "Ngày xuất bản": "02/01/2020"}
    rows = [good, {**good, "ID": 2, "Tiêu đề": ""}, {**good, "ID": 3, "Ngày xuất bản": "31/02/2021"},
            {**good, "ID": 4, "Hệ số": "99"}, {**good, "ID": 5, "Hệ số": "nhiều"},
            {**good, "ID": 6, "Tiêu đề": "x" * 400}, {**good, "ID": 7, "Tiêu đề": "Cũng tốt"}, {**good, "ID": 1}]
    _write_rows(tmp_path / "bad.csv", rows)
    result = run(tmp_path / "bad.csv")
    assert (result.created, result.failed, result.skipped) == (2, 6, 0)
    errors = {problem["row"]: problem["reason"] for problem in result.errors}
    assert set(errors) == {3, 4, 5, 6, 7, 9}
    assert "title" in errors[3].lower() or "tiêu đề" in errors[3].lower()
    assert "31/02/2021" in errors[4]
    report = services.report_text(result)
    assert "dòng 4" in report and "31/02/2021" in report and "Bài tốt" in report
    assert sorted(Article.objects.values_list("title_vi", flat=True)) == ["Bài tốt", "Cũng tốt"]
    assert "dòng 9" in report  # the same item twice: the second is refused


def test_an_item_that_fails_half_way_leaves_nothing_of_itself(tmp_path, monkeypatch):
    _write_rows(tmp_path / "x.csv", [{"ID": 1, "Tiêu đề": "Một", "FriendlyName": "Mot"},
                                     {"ID": 2, "Tiêu đề": "Hai", "FriendlyName": "Hai"}])
    real = services.item_import._old_addresses

    def breaks_on_two(item, article, context, warnings):
        real(item, article, context, warnings)
        if item.key == "id:2":
            raise RuntimeError("disk full")
    monkeypatch.setattr(services.item_import, "_old_addresses", breaks_on_two)
    result = run(tmp_path / "x.csv")
    assert (result.created, result.failed) == (1, 1)
    assert result.errors[0]["row"] == 3 and "RuntimeError" in result.errors[0]["reason"]
    assert list(Article.objects.values_list("title_vi", flat=True)) == ["Một"]
    assert not OldAddress.objects.filter(path__icontains="Hai").exists()


def test_files_that_cannot_be_had_are_warnings_and_the_article_comes_in(tmp_path):
    media = tmp_path / "media"
    generator.photo(media / "PublishingImages" / "big.jpg", "ok", 1)
    (media / "PublishingImages").mkdir(exist_ok=True)
    from PIL import Image as PILImage
    PILImage.new("RGB", (100, 80)).save(media / "PublishingImages" / "small.jpg")
    (media / "Lists" / "TinTuc" / "Attachments" / "1").mkdir(parents=True)
    (media / "Lists" / "TinTuc" / "Attachments" / "1" / "virus.exe").write_bytes(b"MZ")
    _write_rows(tmp_path / "x.csv", [{
        "ID": 1, "Tiêu đề": "Có ảnh hỏng", "Hình ảnh": "https://elsewhere.example.com/PublishingImages/far.jpg",
        "Nội dung": '<p><img src="/PublishingImages/small.jpg"></p><p><img src="/PublishingImages/big.jpg"></p>'
                    '<p><img src="/PublishingImages/none.jpg"></p>', "Attachments": "Yes",
        "Email": "không-phải-email"}])
    result = run(tmp_path / "x.csv", media=media)
    assert (result.created, result.failed) == (1, 0)
    reasons = " ".join(problem["reason"] for problem in result.warnings)
    assert "elsewhere.example.com" in reasons and "small.jpg" in reasons and "none.jpg" in reasons
    assert "virus.exe" in reasons and "e-mail" in reasons and "không-phải-email" not in reasons
    article = Article.objects.get()
    assert article.content_vi.count("<figure>") == 1 and not article.image and article.email == ""


def test_files_are_fetched_only_from_the_old_portal_when_its_address_is_given(tmp_path, monkeypatch):
    fetched = []

    class Answer:
        def __init__(self, data):
            self.data = data

        def read(self, size):
            return self.data

        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

    def fake_open(opener, request, timeout):
        fetched.append(request.full_url)
        media = tmp_path / "made.jpg"
        generator.photo(media, "fetched", 3)
        return Answer(media.read_bytes())
    monkeypatch.setattr("urllib.request.OpenerDirector.open", fake_open)
    _write_rows(tmp_path / "x.csv", [{"ID": 1, "Tiêu đề": "Ảnh từ cổng cũ",
                                      "Nội dung": '<p><img src="/PublishingImages/a.jpg"></p>'
                                                  '<p><img src="https://tracker.example.net/b.jpg"></p>'}])
    run(tmp_path / "x.csv")
    assert fetched == []
    run(tmp_path / "x.csv", base_url="https://portal.example.gov.vn/")
    assert fetched == []  # unchanged item: skipped
    LegacyItem.objects.all().delete()
    Article.objects.all().delete()
    result = run(tmp_path / "x.csv", base_url="https://portal.example.gov.vn/")
    assert fetched == ["https://portal.example.gov.vn/PublishingImages/a.jpg"]
    assert Article.objects.get().content_vi.count("<figure>") == 1
    assert "tracker.example.net" in " ".join(problem["reason"] for problem in result.warnings)


def test_duplicate_friendly_names_get_their_own_addresses(export, tmp_path):
    rows = generator.items(51, 3, generator.random.Random(1))
    assert rows[49]["FriendlyName"] == rows[48]["FriendlyName"]
    _write_rows(tmp_path / "x.csv", rows[48:50])
    result = run(tmp_path / "x.csv", media=export / "media")
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert result.created == 2 and slugs[1] == slugs[0] + "-2"
    assert any("đã dẫn tới một bài viết khác" in problem["reason"] for problem in result.warnings)


def test_a_dry_run_checks_and_writes_nothing(small_export):
    result = run(small_export / "csv", media=small_export / "media", dry_run=True)
    assert result.dry_run and result.failed == 0 and result.position == 40
    assert not Article.objects.exists() and not OldAddress.objects.exists()


def test_the_full_export_of_500_items_reports_its_ten_bad_rows(export):
    result = run(export / "json", media=export / "media")
    assert (result.created, result.failed, result.total) == (490, 10, 500)
    assert {problem["row"] for problem in result.errors} == {89, 97, 178, 194, 267, 291, 356, 388, 445, 485}
    hidden = LegacyItem.objects.get(key="id:61").article
    assert not hidden.is_shown
    assert Article.objects.filter(publish_at__lt=timezone.make_aware(datetime.datetime(2016, 1, 1))).exists()


@pytest.mark.parametrize("column, value", [
    ("Hệ số", "1e400"), ("Hệ số", "NaN"), ("Ngày xuất bản", "2021-13-45"),
    ("Ngày xuất bản", "01/01/9999"), ("Tiêu đề", "x" * 5000), ("Link thay thế nội dung", "javascript:alert(1)"),
])
def test_hostile_values_are_row_errors_never_a_crash(tmp_path, column, value):
    _write_rows(tmp_path / "x.csv", [{"ID": 1, "Tiêu đề": "Bài", "Nội dung": "<p>x</p>", column: value},
                                     {"ID": 2, "Tiêu đề": "Bài sau", "Nội dung": "<p>y</p>"}])
    result = run(tmp_path / "x.csv")
    assert (result.created, result.failed) == (1, 1) and result.errors[0]["row"] == 2
    assert list(Article.objects.values_list("title_vi", flat=True)) == ["Bài sau"]


def test_a_failed_item_leaves_no_category_or_type_behind_for_the_next(tmp_path):
    _write_rows(tmp_path / "x.csv", [
        {"ID": 1, "Tiêu đề": "Hỏng", "Phân loại": "Mục mới", "Loại bài viết": "Loại mới", "Hệ số": "99"},
        {"ID": 2, "Tiêu đề": "Tốt", "Phân loại": "Mục mới", "Loại bài viết": "Loại mới"}])
    result = run(tmp_path / "x.csv")
    assert (result.created, result.failed) == (1, 1)
    article = Article.objects.get()
    assert (article.category.name, article.article_type.name) == ("Mục mới", "Loại mới")
    assert not article.category.in_navigation  # an import does not rearrange the site's navigation
