"""The editorial back office: roles, the approval workflow, uploads."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.admin import ArticleAdmin
from articles.models import Article, Attachment, Transition
from tests.conftest import make_article

ADD_URL = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def management_forms(html):
    """The inline formsets' management fields as the admin renders them."""
    data = {}
    for name, value in re.findall(r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"', html):
        data[name] = value
    return data


def article_data(client, category, news_type, url=ADD_URL, **overrides):
    html = client.get(url).text
    now = timezone.localtime()
    data = {
        "title_vi": "Bài mới về chuyển đổi số", "title_en": "New article on digital transformation",
        "summary_vi": "Tóm tắt", "summary_en": "Summary",
        "content_vi": "<p>Nội dung</p>", "content_en": "<p>Content</p>",
        "image_caption_vi": "", "image_caption_en": "",
        "slug": "", "category": category.pk, "article_type": news_type.pk, "content_link": "",
        "publish_at_0": now.strftime("%d/%m/%Y"), "publish_at_1": now.strftime("%H:%M:%S"),
        "allow_comments": "on", "author_name": "Nguyễn Văn Bút", "pen_name": "Bút Xanh",
        "phone": "0905 111 222", "email": "but@example.gov.vn",
        "page_count": "2", "photo_count": "1", "coefficient": "3.5",
    }
    data.update(management_forms(html))
    data["attachments-TOTAL_FORMS"] = "0"  # the blank extra row is not sent unless a test fills it
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def jpeg(size=(800, 500), fmt="JPEG", name="anh.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_editor_saves_a_draft_in_both_languages(client, editor, category, news_type):
    client.force_login(editor)
    response = client.post(ADD_URL, article_data(client, category, news_type))
    assert response.status_code == 302, response.content[:3000]
    article = Article.objects.get()
    assert article.approval == Article.Approval.DRAFT
    assert article.created_by == editor
    assert article.title_en == "New article on digital transformation"
    assert article.slug == "bai-moi-ve-chuyen-doi-so"


def test_editor_submits_and_cannot_approve_even_by_a_crafted_post(client, editor, category, news_type):
    client.force_login(editor)
    client.post(ADD_URL, article_data(client, category, news_type, _submit="1"))
    article = Article.objects.get()
    assert article.approval == Article.Approval.PENDING
    data = article_data(client, category, news_type, url=change_url(article), _approve="1",
                        approval="approved", featured="on", fee="999999", is_shown="on")
    response = client.post(change_url(article), data)
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.approval == Article.Approval.PENDING
    assert not article.featured and article.fee is None


def test_editor_cannot_use_the_approve_bulk_action(client, editor, category):
    article = make_article(category, approval=Article.Approval.PENDING, created_by=editor)
    client.force_login(editor)
    client.post("/admin/articles/article/", {"action": "approve_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.approval == Article.Approval.PENDING


def test_editor_cannot_edit_an_approved_article_or_another_editors(client, editor, other_editor, category, news_type):
    approved = make_article(category, created_by=editor)
    others = make_article(category, title="Của người khác", approval=Article.Approval.DRAFT, created_by=other_editor)
    client.force_login(editor)
    for article in (approved, others):
        data = article_data(client, category, news_type, url=change_url(article), title_vi="Sửa trái phép")
        client.post(change_url(article), data)
        article.refresh_from_db()
        assert article.title_vi != "Sửa trái phép"


def test_editor_does_not_see_another_editors_phone_and_email(client, editor, other_editor, category):
    others = make_article(category, approval=Article.Approval.DRAFT, created_by=other_editor,
                          phone="0999 888 777", email="rieng@example.gov.vn")
    client.force_login(editor)
    html = client.get(change_url(others)).text
    assert "0999 888 777" not in html and "rieng@example.gov.vn" not in html


def test_approver_sees_contact_fields(client, approver, other_editor, category):
    others = make_article(category, approval=Article.Approval.PENDING, created_by=other_editor,
                          phone="0999 888 777")
    client.force_login(approver)
    assert "0999 888 777" in client.get(change_url(others)).text


def test_approver_rejects_with_a_reason_the_editor_sees(client, editor, approver, category, news_type):
    article = make_article(category, approval=Article.Approval.PENDING, created_by=editor)
    client.force_login(approver)
    data = article_data(client, category, news_type, url=change_url(article), _reject="1", _workflow_note="")
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.approval == Article.Approval.PENDING  # no reason, no rejection
    data["_workflow_note"] = "Thiếu nguồn trích dẫn."
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.approval == Article.Approval.REJECTED
    client.force_login(editor)
    assert "Thiếu nguồn trích dẫn." in client.get(change_url(article)).text


def test_resubmitted_then_approved_article_records_every_step(client, editor, approver, category, news_type):
    from articles import services

    article = make_article(category, approval=Article.Approval.DRAFT, created_by=editor)
    services.article_submit(article=article, by=editor)
    services.article_reject(article=article, by=approver, reason="Sửa tiêu đề")
    services.article_submit(article=article, by=editor)
    client.force_login(approver)
    client.post(change_url(article), article_data(client, category, news_type, url=change_url(article), _approve="1"))
    article.refresh_from_db()
    assert article.approval == Article.Approval.APPROVED
    assert article.approved_by == approver and article.approved_at
    steps = list(Transition.objects.filter(article=article).values_list("from_status", "to_status", "by__username"))
    assert steps == [("draft", "pending", "editor1"), ("pending", "rejected", "approver1"),
                     ("rejected", "pending", "editor1"), ("pending", "approved", "approver1")]
    html = client.get(change_url(article)).text
    assert "Sửa tiêu đề" in html  # the history shows the reason


def test_an_editor_may_not_submit_someone_elses_article(editor, other_editor, category):
    from django.core.exceptions import PermissionDenied

    from articles import services

    article = make_article(category, approval=Article.Approval.DRAFT, created_by=other_editor)
    with pytest.raises(PermissionDenied):
        services.article_submit(article=article, by=editor)


def test_approver_bulk_actions_feature_hide_and_approve(client, approver, category):
    a = make_article(category, title="Một", approval=Article.Approval.PENDING)
    b = make_article(category, title="Hai")
    client.force_login(approver)
    client.post("/admin/articles/article/", {"action": "approve_selected", "_selected_action": [a.pk]})
    client.post("/admin/articles/article/", {"action": "feature_selected", "_selected_action": [a.pk]})
    client.post("/admin/articles/article/", {"action": "hide_selected", "_selected_action": [b.pk]})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.approval == Article.Approval.APPROVED and a.featured
    assert not b.is_shown and b.approval == Article.Approval.APPROVED


def test_bulk_reject_asks_for_a_reason(client, approver, category):
    article = make_article(category, approval=Article.Approval.PENDING)
    client.force_login(approver)
    page = client.post("/admin/articles/article/", {"action": "reject_selected", "_selected_action": [article.pk]})
    assert page.status_code == 200 and 'name="reason"' in page.text
    client.post("/admin/articles/article/", {"action": "reject_selected", "_selected_action": [article.pk],
                                             "confirm": "1", "reason": "Trùng lặp"})
    article.refresh_from_db()
    assert article.approval == Article.Approval.REJECTED and article.rejection_reason == "Trùng lặp"


def test_list_puts_each_roles_queue_first(client, editor, approver, category):
    make_article(category, title="Đã đăng", publish_at=timezone.now())
    pending = make_article(category, title="Chờ duyệt cũ", approval=Article.Approval.PENDING,
                           publish_at=timezone.now() - timezone.timedelta(days=30))
    mine = make_article(category, title="Nháp của tôi", approval=Article.Approval.DRAFT, created_by=editor,
                        publish_at=timezone.now() - timezone.timedelta(days=60))
    client.force_login(approver)
    html = client.get("/admin/articles/article/").text
    assert html.index(pending.title_vi) < html.index("Đã đăng")
    client.force_login(editor)
    html = client.get("/admin/articles/article/").text
    assert html.index(mine.title_vi) < html.index("Đã đăng")


def listed(client, **params):
    """The titles the admin's article list shows, page after page, in order."""
    titles, page = [], 1
    while True:
        response = client.get("/admin/articles/article/", {**params, "p": page})
        assert response.status_code == 200
        cl = response.context["cl"]
        titles += [article.title_vi for article in cl.result_list]
        if page >= cl.paginator.num_pages:
            return titles
        page += 1


@pytest.mark.parametrize("per_page", [2, 3, 50])
def test_an_editors_own_unfinished_articles_come_first_on_every_page(
        client, editor, other_editor, category, monkeypatch, per_page):
    from django.contrib.admin.sites import site

    monkeypatch.setattr(site._registry[Article], "list_per_page", per_page)
    now = timezone.now()
    make = lambda title, days, **fields: make_article(  # noqa: E731
        category, title=title, publish_at=now - timezone.timedelta(days=days), **fields)
    expected_first = [
        make("Nháp mới của tôi", 1, approval=Article.Approval.DRAFT, created_by=editor),
        make("Bài tôi gửi duyệt", 5, approval=Article.Approval.PENDING, created_by=editor),
        make("Bài tôi bị trả lại", 9, approval=Article.Approval.REJECTED, created_by=editor),
    ]
    expected_rest = [
        make("Tin hôm nay", 0),
        make("Bài đã đăng của tôi", 2, created_by=editor),  # published: no longer in the queue
        make("Nháp của người khác", 3, approval=Article.Approval.DRAFT, created_by=other_editor),
        make("Tin tuần trước", 7),
        make("Tin tháng trước", 30),
    ]
    client.force_login(editor)
    assert listed(client) == [a.title_vi for a in expected_first + expected_rest]
    # Filters and searches keep the order; a column the editor sorts by is sorted as asked.
    assert listed(client, category__id__exact=category.pk, q="Tin") == [
        "Tin hôm nay", "Tin tuần trước", "Tin tháng trước"]
    assert listed(client, approval__exact="draft") == ["Nháp mới của tôi", "Nháp của người khác"]
    oldest_first = sorted(expected_first + expected_rest, key=lambda a: a.publish_at)
    column = 1 + ArticleAdmin.list_display.index("publish_at")  # after the action checkbox
    assert listed(client, o=str(column)) == [a.title_vi for a in oldest_first]


def test_a_page_past_the_end_of_an_editors_list_is_not_an_error(client, editor, category, monkeypatch):
    from django.contrib.admin.sites import site

    monkeypatch.setattr(site._registry[Article], "list_per_page", 2)
    for i in range(3):
        make_article(category, title=f"Bài {i}")
    client.force_login(editor)
    for page in ("99", "0", "-1", "abc", "1e9"):
        response = client.get("/admin/articles/article/", {"p": page})
        assert response.status_code in (200, 302), page


def test_the_list_says_the_type_featured_and_hidden_in_its_columns(client, approver, category, news_type):
    make_article(category, title="Tin nổi bật đang ẩn", article_type=news_type, featured=True, is_shown=False)
    make_article(category, title="Tin thường", article_type=news_type)
    client.force_login(approver)
    rows = re.findall(r"<tr>.*?</tr>", client.get("/admin/articles/article/").text, re.S)
    row = next(r for r in rows if "Tin nổi bật đang ẩn" in r)
    assert "tin nổi bật" in row and "đang ẩn" in row and "Tin tức" in row
    plain = next(r for r in rows if "Tin thường" in r)
    assert "tin nổi bật" not in plain and "đang ẩn" not in plain


def test_admin_index_shows_the_pending_count_to_approvers(client, approver, category):
    make_article(category, approval=Article.Approval.PENDING)
    make_article(category, title="Khác", approval=Article.Approval.PENDING)
    client.force_login(approver)
    html = client.get("/admin/").text
    assert re.search(r"approval__exact=pending\">[^<]+</a></th>\s*<td[^>]*>2</td>", html)


def test_filter_shows_articles_lacking_english(client, approver, category):
    make_article(category, title="Chỉ tiếng Việt", title_en="")
    make_article(category, title="Song ngữ", title_en="Bilingual")
    client.force_login(approver)
    html = client.get("/admin/articles/article/?english=missing").text
    assert "Chỉ tiếng Việt" in html and "Song ngữ" not in html


def test_admin_search_covers_both_languages_and_pen_name(client, approver, category):
    make_article(category, title="Tiêu đề A", title_en="Harbour news", pen_name="Cánh Én")
    client.force_login(approver)
    assert "Tiêu đề A" in client.get("/admin/articles/article/?q=Harbour").text
    assert "Tiêu đề A" in client.get("/admin/articles/article/?q=Cánh Én").text


def test_admin_works_without_internet_assets(client, approver, category):
    article = make_article(category)
    client.force_login(approver)
    html = client.get(change_url(article)).text
    assert not re.search(r'(src|href)="https?://', html)


def test_every_change_keeps_a_revision_that_can_be_restored(client, approver, category, news_type):
    client.force_login(approver)
    client.post(ADD_URL, article_data(client, category, news_type, title_vi="Phiên bản một"))
    article = Article.objects.get()
    client.post(change_url(article), article_data(client, category, news_type, url=change_url(article),
                                                  title_vi="Phiên bản hai"))
    from reversion.models import Version

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    oldest = versions.last()
    history = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert history.status_code == 200
    page = client.get(f"/admin/articles/article/{article.pk}/history/{oldest.pk}/")
    assert page.status_code == 200 and "Phiên bản một" in page.text
    client.post(f"/admin/articles/article/{article.pk}/history/{oldest.pk}/",
                article_data(client, category, news_type, url=f"/admin/articles/article/{article.pk}/history/{oldest.pk}/",
                             title_vi="Phiên bản một"))
    article.refresh_from_db()
    assert article.title_vi == "Phiên bản một"


# -- uploads --------------------------------------------------------------------------------

def test_an_image_and_an_attachment_are_uploaded(client, approver, category, news_type):
    client.force_login(approver)
    pdf = SimpleUploadedFile("Quyết định số 1.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    data = article_data(client, category, news_type, image=jpeg(), image_caption_vi="Ảnh hội nghị",
                        **{"attachments-TOTAL_FORMS": "1", "attachments-0-title_vi": "Quyết định",
                           "attachments-0-file": pdf, "attachments-0-order": "0"})
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get()
    assert article.image.name.endswith(".jpg")
    attachment = Attachment.objects.get()
    assert attachment.size > 0 and attachment.file.name.endswith(".pdf")


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("fake.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"),
     "image"),
    (SimpleUploadedFile("x.jpg", b"", content_type="image/jpeg"), ""),
])
def test_bad_images_are_refused_with_a_message(client, approver, category, news_type, upload, message):
    client.force_login(approver)
    data = article_data(client, category, news_type, image=upload, image_caption_vi="Chú thích")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert not Article.objects.exists()


def test_a_bmp_or_tiff_is_refused_by_format(category):
    from django.core.exceptions import ValidationError

    from articles.validators import validate_image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("a.bmp", buffer.getvalue()))
    assert "BMP" in error.value.messages[0]


def test_decompression_bombs_and_huge_images_are_refused(settings):
    from django.core.exceptions import ValidationError

    from articles.validators import validate_image

    settings.ARTICLE_IMAGE_MAX_PIXELS = 1000
    with pytest.raises(ValidationError) as error:
        validate_image(jpeg(size=(100, 100)))
    assert error.value.code == "image_pixels"
    # A PNG claiming 30000×30000 pixels: Pillow's bomb guard trips before decoding.
    buffer = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("bomb.png", buffer.getvalue()))
    assert error.value.code in ("image_bomb", "image_pixels")
    settings.ARTICLE_IMAGE_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        validate_image(jpeg())
    assert error.value.code == "image_too_large"


@pytest.mark.parametrize("name", ["run.exe", "page.html", "script.js", "image.svg", "noext"])
def test_attachments_are_documents_only(client, approver, category, news_type, name):
    client.force_login(approver)
    upload = SimpleUploadedFile(name, b"MZ...", content_type="application/octet-stream")
    data = article_data(client, category, news_type, **{
        "attachments-TOTAL_FORMS": "1", "attachments-0-title_vi": "Tệp", "attachments-0-file": upload,
        "attachments-0-order": "0"})
    response = client.post(ADD_URL, data)
    assert response.status_code == 200 and "errorlist" in response.text
    assert not Attachment.objects.exists()


def test_attachment_size_is_limited(settings):
    from django.core.exceptions import ValidationError

    from articles.validators import validate_attachment

    settings.ATTACHMENT_MAX_BYTES = 5
    with pytest.raises(ValidationError):
        validate_attachment(SimpleUploadedFile("a.pdf", b"%PDF-1.4 long enough"))


def test_fee_is_fixed_when_approved(client, approver, category, news_type):
    from articles import services

    article = make_article(category, approval=Article.Approval.PENDING, coefficient=Decimal("2.5"),
                           publish_at=timezone.make_aware(timezone.datetime(2025, 3, 1, 9, 0)))
    services.article_approve(article=article, by=approver)
    article.refresh_from_db()
    assert article.fee == 585_000  # 2.5 × 234,000


def test_the_change_form_has_one_link_to_the_page_even_when_it_shows_errors(client, approver, article, draft_article):
    client.force_login(approver)
    for shown in (article, draft_article):
        html = client.get(f"/admin/articles/article/{shown.pk}/change/").text
        assert html.count('class="viewsitelink"') == 1
        link = re.search(r'<a href="([^"]+)" class="viewsitelink"', html).group(1)
        assert client.get(link).url.endswith(shown.get_absolute_url())
    # A form sent back with errors (the slug emptied) still leads to the stored article.
    html = client.post(f"/admin/articles/article/{article.pk}/change/", {"slug": ""}).text
    assert html.count('class="viewsitelink"') == 1
