"""What the article admin shows: the workflow box, decimals in the editor's language, image sizes."""

import io
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from articles.demo import demo_image
from articles.models import Article, ArticleType
from articles.validators import validate_image
from tests.conftest import make_article

from .test_admin import ADD_URL, article_data, change_url, jpeg

TYPES = "/admin/articles/articletype/"


def workflow_box(html):
    start = html.index('class="module aligned workflow-actions"')
    return html[start:html.index("</fieldset>", start)]


# -- the workflow box ---------------------------------------------------------------------------

def test_an_editors_pending_article_says_what_happens_next(client, editor, category):
    article = make_article(category, approval=Article.Approval.PENDING, created_by=editor)
    client.force_login(editor)
    box = workflow_box(client.get(change_url(article), HTTP_ACCEPT_LANGUAGE="en").text)
    assert "Waiting for an approver." in box
    assert "submit-row" not in box and "<input" not in box


def test_an_editors_draft_offers_submission_and_no_waiting_notice(client, editor, category):
    article = make_article(category, approval=Article.Approval.DRAFT, created_by=editor)
    client.force_login(editor)
    box = workflow_box(client.get(change_url(article), HTTP_ACCEPT_LANGUAGE="en").text)
    assert 'name="_submit"' in box and "Waiting for an approver" not in box


def test_an_approver_sees_buttons_on_a_pending_article(client, approver, editor, category):
    article = make_article(category, approval=Article.Approval.PENDING, created_by=editor)
    client.force_login(approver)
    box = workflow_box(client.get(change_url(article), HTTP_ACCEPT_LANGUAGE="en").text)
    assert 'name="_approve"' in box and 'name="_reject"' in box and "Waiting for an approver" not in box


# -- decimals in the editor's language ----------------------------------------------------------

def test_a_coefficient_is_written_and_shown_the_vietnamese_way(client, approver, category, news_type):
    client.force_login(approver)
    response = client.post(ADD_URL, article_data(client, category, news_type, coefficient="3,5"))
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get()
    assert article.coefficient == Decimal("3.5")
    html = client.get(change_url(article)).text
    assert 'name="coefficient" value="3,5"' in html and 'inputmode="decimal"' in html
    assert 'value="3.50"' not in html and 'value="3,50"' not in html


def test_a_coefficient_is_written_the_english_way_in_english(client, approver, category, news_type):
    client.force_login(approver)
    data = article_data(client, category, news_type, coefficient="2.25")
    assert client.post(ADD_URL, data, HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    article = Article.objects.get()
    assert article.coefficient == Decimal("2.25")
    assert 'name="coefficient" value="2.25"' in client.get(change_url(article), HTTP_ACCEPT_LANGUAGE="en").text


def test_a_list_shows_decimals_without_needless_zeros(client, approver, news_type):
    news_type.max_coefficient = Decimal("3.50")
    news_type.save()
    client.force_login(approver)
    html = client.get(TYPES).text
    assert '<td class="field-max_coefficient">3,5</td>' in html
    assert "3,50" not in html and "3.50" not in html
    # Still sorted by the field.
    assert client.get(TYPES, {"o": "2"}).status_code == 200


def test_a_read_only_coefficient_is_shown_the_vietnamese_way(client, editor, category):
    article = make_article(category, created_by=editor, coefficient=Decimal("3.50"))  # approved: view only
    client.force_login(editor)
    response = client.get(change_url(article))
    assert response.status_code == 200
    html = response.text
    assert '<div class="readonly">3,5</div>' in html
    assert "3,50" not in html and "3.50" not in html


def test_a_decimal_made_read_only_is_shown_trimmed_and_cannot_be_changed(client, approver, news_type,
                                                                        monkeypatch):
    monkeypatch.setattr(admin.site._registry[ArticleType], "readonly_fields", ("max_coefficient",))
    news_type.max_coefficient = Decimal("12.50")
    news_type.save()
    client.force_login(approver)
    url = f"{TYPES}{news_type.pk}/change/"
    html = client.get(url).text
    assert '<div class="readonly">12,5</div>' in html and 'name="max_coefficient"' not in html
    client.post(url, {"name_vi": news_type.name_vi, "name_en": "News", "order": "0", "max_coefficient": "1"})
    news_type.refresh_from_db()
    assert news_type.max_coefficient == Decimal("12.50")


# -- images large enough for the page -----------------------------------------------------------

def test_a_small_image_is_refused_saying_which_size_is_needed():
    with pytest.raises(ValidationError) as error:
        validate_image(jpeg(size=(96, 64)))
    assert error.value.code == "image_too_small"
    assert "96×64" in error.value.messages[0] and "800×300" in error.value.messages[0]


def test_a_small_image_is_refused_as_the_image_fields_error(client, approver, category, news_type):
    client.force_login(approver)
    data = article_data(client, category, news_type, image=jpeg(size=(96, 64)), image_caption_vi="Ảnh nhỏ")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image"] and "800×300" in errors["image"][0]
    assert not Article.objects.exists()


def test_the_demo_images_and_the_test_images_are_large_enough(settings):
    validate_image(demo_image(1, (11, 79, 138)))
    validate_image(jpeg())


def test_an_image_already_stored_is_never_enlarged(category):
    buffer = io.BytesIO()
    Image.new("RGB", (96, 64), (20, 120, 60)).save(buffer, "JPEG")
    article = make_article(category)
    article.image.save("small.jpg", ContentFile(buffer.getvalue()), save=True)  # as before the check
    for rendition in (article.image_list, article.image_detail, article.image_list_webp):
        with Image.open(rendition.generator.generate()) as image:
            assert image.width <= 96 and image.height <= 64
