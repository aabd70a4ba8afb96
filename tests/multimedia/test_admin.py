import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from multimedia.models import GalleryPhoto, Image, Video
from multimedia.services import figure_html
from tests.articles.test_admin import ADD_URL, article_data
from tests.conftest import make_article
from tests.multimedia.conftest import jpeg, upload

LIBRARY = "/admin/multimedia/image/"
PICKER = "/admin/multimedia/image/picker/"


def add(client, url=f"{LIBRARY}add/", **fields):
    data = {"alt_vi": "Hội trường", "alt_en": "The hall", "caption_vi": "Điểm cầu Hà Nội", "caption_en": "",
            "credit": "Ban Biên tập", "taken_on": "13/07/2021", **fields}
    return client.post(url, data)


def test_an_editor_uploads_an_image_with_its_texts(client, editor):
    client.force_login(editor)
    response = add(client, file=upload("Hội trường.JPG", jpeg(1600, 900, gps=True)))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.alt_vi, image.alt_en, image.credit, image.uploaded_by) == ("Hội trường", "The hall",
                                                                            "Ban Biên tập", editor)
    assert image.taken_on.isoformat() == "2021-07-13"


@pytest.mark.parametrize("name, data", [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ("trang.jpg", b"<html><body>not an image</body></html>"),
    ("nho.jpg", jpeg(200, 100)),
])
def test_a_refused_upload_is_a_form_error(client, editor, name, data):
    client.force_login(editor)
    response = add(client, file=upload(name, data))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not Image.objects.exists()


def test_an_image_without_description_is_a_form_error(client, editor):
    client.force_login(editor)
    response = add(client, file=upload(), alt_vi="")
    assert response.status_code == 200 and "alt_vi" in response.context["adminform"].form.errors


def test_the_library_searches_and_filters(client, editor, make_image):
    make_image(1, alt_vi="Hội trường lớn")
    make_image(2, alt_vi="Cánh đồng lúa")
    client.force_login(editor)
    for query in ("hội trường", "hoi truong", "TRƯỜNG lớn"):
        response = client.get(LIBRARY, {"q": query})
        assert response.status_code == 200
        assert "Hội trường lớn" in response.text and "Cánh đồng lúa" not in response.text, query
    assert client.get(LIBRARY, {"taken_on__gte": "2021-01-01"}).status_code == 200
    assert client.get(LIBRARY, {"evil__startswith": "a"}).status_code in (200, 302, 400)
    assert client.get(LIBRARY, {"created_at__year": "99999999999"}).status_code in (200, 302, 400)


def test_deleting_an_image_in_an_articles_text_is_refused_and_says_where(client, approver, category,
                                                                          library_image):
    article = make_article(category, title="Bài có ảnh", content_vi=figure_html(library_image))
    client.force_login(approver)
    url = f"{LIBRARY}{library_image.pk}/delete/"
    response = client.get(url)
    assert response.status_code == 200 and "Bài có ảnh" in response.text
    assert article.get_absolute_url() in response.text
    client.post(url, {"post": "yes"})
    assert Image.objects.filter(pk=library_image.pk).exists()


def test_deleting_an_image_of_a_photo_story_is_refused(client, approver, article, library_image):
    GalleryPhoto.objects.create(article=article, image=library_image)
    client.force_login(approver)
    client.post(f"{LIBRARY}{library_image.pk}/delete/", {"post": "yes"})
    client.post(LIBRARY, {"action": "delete_selected", "_selected_action": [library_image.pk], "post": "yes"})
    assert Image.objects.filter(pk=library_image.pk).exists()


def test_an_unused_image_is_deleted_by_an_approver_not_by_an_editor(client, editor, approver, library_image):
    client.force_login(editor)
    assert client.post(f"{LIBRARY}{library_image.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(approver)
    assert client.post(f"{LIBRARY}{library_image.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Image.objects.exists()


def test_the_editors_image_window_lists_the_library_and_uploads(client, editor, make_image):
    make_image(1, alt_vi="Hội trường lớn")
    client.force_login(editor)
    response = client.get(PICKER, {"CKEditorFuncNum": "-1", "q": "hội trường"})
    assert response.status_code == 200
    assert 'data-alt="Hội trường lớn"' in response.text
    response = add(client, url=f"{PICKER}?CKEditorFuncNum=-1", file=upload("moi.jpg"))
    assert response.status_code == 200
    image = Image.objects.get(alt_vi="Hội trường")
    assert f'data-chosen data-src="{image.file.url}" data-id="{image.pk}"' in response.text
    assert image.uploaded_by == editor


@pytest.mark.parametrize("params", [{"page": "x"}, {"page": "99999999999999999999"}, {"q": "x" * 5000},
                                    {"CKEditorFuncNum": '"><script>alert(1)</script>'}, {"q": "\x00"}])
def test_the_image_window_takes_any_address(client, editor, library_image, params):
    client.force_login(editor)
    response = client.get(PICKER, params)
    assert response.status_code in (200, 400)
    assert "<script>alert(1)" not in response.text


def test_a_refused_upload_in_the_image_window_is_a_form_error(client, editor):
    client.force_login(editor)
    response = add(client, url=PICKER, file=upload("x.jpg", b"GIF89a not really"))
    assert response.status_code == 200 and "data-chosen" not in response.text
    assert response.context["form"].errors["file"]


def test_the_image_window_is_for_staff_only(client, django_user_model):
    assert client.get(PICKER).status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 12))
    assert client.get(PICKER).status_code == 302


def test_the_article_page_in_the_admin_holds_the_story_and_the_video(client, editor, category):
    article = make_article(category, created_by=editor, approval="draft")
    client.force_login(editor)
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    assert "gallery_photos-TOTAL_FORMS" in response.text and "video-TOTAL_FORMS" in response.text
    assert "/admin/multimedia/image/picker/" in response.text  # the body editor's image button


def test_an_undescribed_image_in_the_body_is_a_form_error_naming_it(client, editor, category, news_type,
                                                                    library_image):
    client.force_login(editor)
    body = figure_html(library_image).replace('alt="Ảnh số 0"', 'alt=""')
    response = client.post(ADD_URL, article_data(client, category, news_type, content_vi=body))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["content_vi"]
    assert library_image.name in " ".join(errors)
    assert not Article.objects.exists()


def test_a_story_and_a_video_are_saved_with_the_article(client, editor, category, news_type, make_image):
    photos, poster = [make_image(n) for n in range(2)], make_image(9)
    client.force_login(editor)
    data = article_data(client, category, news_type, **{
        "gallery_photos-TOTAL_FORMS": "2", "video-TOTAL_FORMS": "1",
        "gallery_photos-0-image": photos[1].pk, "gallery_photos-0-position": "1",
        "gallery_photos-1-image": photos[0].pk, "gallery_photos-1-position": "2",
        "gallery_photos-1-caption_vi": "Ảnh cuối",
        "video-0-title_vi": "Video hội nghị", "video-0-youtube_url": "https://youtu.be/dQw4w9WgXcQ",
        "video-0-poster": poster.pk})
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert [p.image for p in article.gallery_photos.order_by("position")] == [photos[1], photos[0]]
    assert article.video.youtube_id == "dQw4w9WgXcQ"


@pytest.mark.parametrize("video", [
    {"video-0-file": SimpleUploadedFile("clip.mp4", b"<html>not a video</html>")},
    {"video-0-youtube_url": "https://evil.example/watch?v=dQw4w9WgXcQ"},
    {"video-0-youtube_url": "https://youtu.be/dQw4w9WgXcQ", "video-0-poster": "99999999999999999999"},
    {"video-0-youtube_url": "https://youtu.be/dQw4w9WgXcQ",
     "video-0-captions": SimpleUploadedFile("c.vtt", b"<script>alert(1)</script>")},
])
def test_a_bad_video_is_a_form_error_and_nothing_is_stored(client, editor, category, news_type, library_image,
                                                           video):
    client.force_login(editor)
    data = article_data(client, category, news_type, **{
        "video-TOTAL_FORMS": "1", "video-0-title_vi": "Video", "video-0-poster": library_image.pk, **video})
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not Article.objects.exists() and not Video.objects.exists()


def test_an_images_texts_change_but_its_file_stays(client, editor, category, library_image):
    article = make_article(category, content_vi=figure_html(library_image))
    client.force_login(editor)
    url = f"{LIBRARY}{library_image.pk}/change/"
    response = add(client, url=url, file=upload("khac.jpg"), alt_vi="Mô tả mới")
    assert response.status_code == 302
    library_image.refresh_from_db()
    assert library_image.alt_vi == "Mô tả mới" and library_image.name in article.content_vi
