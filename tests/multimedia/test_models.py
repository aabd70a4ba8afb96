import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import ProtectedError

from multimedia.models import Video
from multimedia.services import figure_html, image_create
from tests.conftest import make_article
from tests.multimedia.conftest import jpeg, upload
from tests.multimedia.test_public import WEBM

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(64)


@pytest.mark.parametrize("url, video_id", [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("https://youtu.be/dQw4w9WgXcQ?t=42", "dQw4w9WgXcQ"),
    ("https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("https://evil.example/watch?v=dQw4w9WgXcQ", ""),
    ("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", ""),
    ("https://www.youtube.com/watch?v=short", ""),
    ("javascript:alert(1)//youtu.be/dQw4w9WgXcQ", ""),
])
def test_only_a_youtube_video_link_gives_a_video(url, video_id):
    assert Video(youtube_url=url).youtube_id == video_id


def video(article, poster, **fields):
    return Video(article=article, poster=poster, title_vi="Video", **fields)


def test_a_video_is_a_file_or_a_link_not_both_nor_neither(article, library_image):
    with pytest.raises(ValidationError):
        video(article, library_image).full_clean()
    both = video(article, library_image, youtube_url="https://youtu.be/dQw4w9WgXcQ")
    both.file = ContentFile(WEBM, name="v.webm")
    with pytest.raises(ValidationError):
        both.full_clean()
    with pytest.raises(ValidationError) as refused:
        video(article, library_image, youtube_url="https://vimeo.com/123").full_clean()
    assert "youtube_url" in refused.value.message_dict
    video(article, library_image, youtube_url="https://youtu.be/dQw4w9WgXcQ").full_clean()


@pytest.mark.parametrize("name, data, ok", [
    ("a.mp4", MP4, True), ("a.webm", WEBM, True), ("a.mp4", b"<html>not a video</html>", False),
    ("a.webm", b"\x1a\x45\xdf\xa3matroska", False), ("a.mp4", b"", False),
])
def test_a_video_file_is_known_by_its_content(article, library_image, name, data, ok):
    candidate = video(article, library_image)
    candidate.file = ContentFile(data, name=name)
    if ok:
        candidate.full_clean()
    else:
        with pytest.raises(ValidationError) as refused:
            candidate.full_clean()
        assert "file" in refused.value.message_dict


@pytest.mark.parametrize("data, ok", [
    ("WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n".encode(), True),
    ("\ufeffWEBVTT\n".encode(), True),
    (b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n", False),
    (b"<script>alert(1)</script>", False),
])
def test_captions_must_be_webvtt(article, library_image, data, ok):
    candidate = video(article, library_image, youtube_url="https://youtu.be/dQw4w9WgXcQ")
    candidate.captions = ContentFile(data, name="c.vtt")
    if ok:
        candidate.full_clean()
    else:
        with pytest.raises(ValidationError) as refused:
            candidate.full_clean()
        assert "captions" in refused.value.message_dict


def test_an_image_in_an_articles_text_cannot_be_deleted(category, library_image):
    make_article(category, title="Bài có ảnh", content_en=figure_html(library_image))
    with pytest.raises(ProtectedError) as refused:
        library_image.delete()
    assert "Bài có ảnh" in str(refused.value)


def test_srcset_offers_no_rendition_wider_than_the_original(db):
    image = image_create(file=upload("hep.jpg", jpeg(900, 600)), alt_vi="Ảnh hẹp")
    widths = [int(part.rsplit(" ", 1)[1][:-1]) for part in image.srcset.split(", ")]
    assert widths == [480, 800, 900]
