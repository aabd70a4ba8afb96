import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as Picture

from articles.text import sanitise_html
from multimedia.models import Image
from multimedia.services import figure_html, image_create
from tests.multimedia.conftest import jpeg, upload


def png(width, height, mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Picture.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_upload_is_stored_with_its_size_and_without_its_location(db):
    image = image_create(file=upload("Ảnh Hội nghị.JPG", jpeg(1600, 900, gps=True)), alt_vi="Hội trường",
                         caption_vi="Điểm cầu Hà Nội", credit="Ban Biên tập")
    assert (image.width, image.height) == (1600, 900)
    assert image.file.name.startswith("multimedia/") and image.file.name.endswith(".jpg")
    with Picture.open(image.file.path) as stored:
        exif = stored.getexif()
    assert 0x8825 not in exif and 0x010F not in exif


def test_a_file_is_named_by_what_it_is_not_by_its_name(db):
    image = image_create(file=upload("anh.jpg", png(1000, 600), content_type="image/jpeg"), alt_vi="Sơ đồ")
    assert image.file.name.endswith(".png")


@pytest.mark.parametrize("name, data, message", [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "không phải là ảnh"),
    ("anh.jpg", b"<!doctype html><html><script>alert(1)</script></html>", "không phải là ảnh"),
    ("trong.jpg", b"", "không phải là ảnh"),
    ("bom.png", png(20000, 20000, "1"), "quá nhiều điểm ảnh"),
    ("nho.jpg", jpeg(300, 200), "tối thiểu 800×300"),
])
def test_a_refused_file_says_why_and_stores_nothing(db, name, data, message):
    with pytest.raises(ValidationError) as refused:
        image_create(file=upload(name, data), alt_vi="Ảnh")
    assert message in " ".join(refused.value.messages)
    assert not Image.objects.exists()


def test_an_image_needs_its_description(db):
    with pytest.raises(ValidationError) as refused:
        image_create(file=upload(), alt_vi="   ")
    assert "alt_vi" in refused.value.message_dict
    assert not Image.objects.exists()


def test_the_figure_is_kept_as_it_is_by_the_allowlist(library_image):
    html = figure_html(library_image)
    assert sanitise_html(html) == html
    assert f'src="/media/{library_image.file.name}"' in html
    assert 'alt="Ảnh số 0"' in html and "<figcaption>Chú thích 0</figcaption>" in html
    assert f'data-file="{library_image.pk}"' in html


def test_the_figure_takes_another_caption_or_none(library_image):
    assert "<figcaption>Điểm cầu &lt;Bình Dương&gt;</figcaption>" in figure_html(library_image,
                                                                                 caption="Điểm cầu <Bình Dương>")
    assert "figcaption" not in figure_html(library_image, caption="")


def test_the_figure_speaks_the_active_language(library_image):
    from django.utils import translation

    with translation.override("en"):
        html = figure_html(library_image)
    assert 'alt="Photo 0"' in html and "<figcaption>Caption 0</figcaption>" in html
