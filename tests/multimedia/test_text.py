"""The one allowlist (articles.text) admits figures of our own library only."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from articles.text import sanitise_body, sanitise_html
from multimedia.services import figure_html


@pytest.mark.parametrize("img", [
    '<img src="https://example.com/anh.jpg" alt="Ảnh">',
    '<img src="//example.com/multimedia/2026/12/anh.jpg" alt="Ảnh">',
    '<img src="/media/articles/2026/12/anh.jpg" alt="Ảnh">',
    '<img src="/media/multimedia/2026/12/../../../settings.py" alt="Ảnh">',
    '<img src="/media/multimedia/2026/12/anh.svg" alt="Ảnh">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Ảnh">',
    '<img src="javascript:alert(1)" alt="Ảnh">',
    '<img alt="Ảnh">',
])
def test_an_image_from_elsewhere_is_dropped(img):
    assert "<img" not in sanitise_html(f"<p>Trước</p><figure>{img}<figcaption>Chú thích</figcaption></figure>")


def test_a_library_figure_keeps_its_attributes_and_loses_the_others():
    html = sanitise_html('<figure class="figure" onclick="x()"><img src="/media/multimedia/2026/12/anh-1.jpg" '
                         'alt="Ảnh" width="100%" height="600" data-file="7x" style="x" onerror="y()">'
                         '<figcaption class="figure-caption">Chú thích</figcaption></figure>')
    assert html == ('<figure><img src="/media/multimedia/2026/12/anh-1.jpg" alt="Ảnh" height="600">'
                    '<figcaption>Chú thích</figcaption></figure>')


def test_an_image_without_alternative_text_is_an_error_naming_it():
    with pytest.raises(ValidationError) as refused:
        sanitise_body('<figure><img src="/media/multimedia/2026/12/hoi-truong.jpg" alt=" "></figure>'
                      '<figure><img src="/media/multimedia/2026/12/anh-2.jpg" alt="Có mô tả"></figure>')
    message = " ".join(refused.value.messages)
    assert "hoi-truong.jpg" in message and "anh-2.jpg" not in message


def test_the_article_form_refuses_an_undescribed_image(article, library_image):
    article.content_vi = figure_html(library_image).replace('alt="Ảnh số 0"', 'alt=""')
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert library_image.name in " ".join(refused.value.message_dict["content_vi"])


def test_a_described_library_image_passes_the_article_form(article, library_image):
    article.content_vi = "<p>Mở đầu.</p>" + figure_html(library_image)
    article.full_clean()
    article.save()
    assert figure_html(library_image) in Article.objects.get(pk=article.pk).content_vi
