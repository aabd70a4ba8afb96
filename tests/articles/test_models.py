from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from articles.text import fold, search_normalise, slug_from
from tests.conftest import make_article


def test_slug_folds_vietnamese_letters_including_d_with_stroke():
    assert slug_from("Đà Nẵng đón khách") == "da-nang-don-khach"
    assert fold("ĐƯỜNG đến Huế") == "DUONG den Hue"


def test_slug_is_made_from_the_title_on_first_save_and_kept_unique(category):
    first = make_article(category, title="Hội nghị Đảng bộ")
    second = make_article(category, title="Hội nghị Đảng bộ")
    assert first.slug == "hoi-nghi-dang-bo"
    assert second.slug == "hoi-nghi-dang-bo-2"
    first.title_vi = "Tên khác"
    first.save()
    assert first.slug == "hoi-nghi-dang-bo"  # editing the title keeps the address


def test_an_editor_may_choose_the_slug(category):
    assert make_article(category, slug="ten-rieng").slug == "ten-rieng"


@pytest.mark.parametrize("html, forbidden", [
    ('<p>ok</p><script>alert(1)</script>', "<script"),
    ('<p onclick="steal()">x</p>', "onclick"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<p style="position:fixed">x</p>', "style="),
    ('<style>body{display:none}</style><p>x</p>', "<style"),
    ('<img src=x onerror=alert(1)>', "onerror"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe"),
])
def test_content_is_sanitised_on_save(category, html, forbidden):
    article = make_article(category, content_vi=html, content_en=html)
    article.refresh_from_db()
    assert forbidden not in article.content_vi
    assert forbidden not in article.content_en


def test_sanitising_keeps_the_formatting_editors_use(category):
    html = ('<h2>Mục 1</h2><p><strong>Đậm</strong> <em>nghiêng</em> <a href="https://gov.vn">link</a></p>'
            '<ul><li>một</li></ul><table><tbody><tr><td>ô</td></tr></tbody></table>')
    article = make_article(category, content_vi=html)
    for tag in ("<h2>", "<strong>", "<em>", 'href="https://gov.vn"', "<li>", "<td>"):
        assert tag in article.content_vi


def test_search_columns_are_folded_and_padded(category):
    article = make_article(category, title="Công tác Dân vận")
    assert article.search_title_vi == " cong tac dan van "
    assert search_normalise("<b>Đảng</b> bộ!") == "dang bo"


def test_coefficient_over_the_type_limit_names_the_limit(category, news_type):
    article = make_article(category, article_type=news_type, coefficient=Decimal("12"))
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "10" in str(error.value.message_dict["coefficient"])


def test_coefficient_never_negative_nor_above_fifty(category):
    article = make_article(category, coefficient=Decimal("-1"))
    with pytest.raises(ValidationError):
        article.full_clean()
    article.coefficient = Decimal("51")
    with pytest.raises(ValidationError):
        article.full_clean()


def test_an_image_needs_a_caption(category):
    from articles.demo import demo_image

    article = make_article(category)
    article.image.save("x.jpg", demo_image(1, (10, 20, 30)), save=False)
    article.image_caption_vi = ""
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "image_caption_vi" in error.value.message_dict


def test_content_link_must_be_http_or_https(category):
    article = make_article(category, content_link="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "content_link" in error.value.message_dict


def test_published_means_approved_shown_and_due(category):
    now = timezone.now()
    visible = make_article(category, title="Hiện")
    make_article(category, title="Nháp", approval=Article.Approval.DRAFT)
    make_article(category, title="Chờ", approval=Article.Approval.PENDING)
    make_article(category, title="Ẩn", is_shown=False)
    make_article(category, title="Hẹn giờ", publish_at=now + timezone.timedelta(minutes=5))
    assert list(Article.objects.published()) == [visible]


def test_byline_prefers_the_pen_name(category):
    assert make_article(category, author_name="Nguyễn A", pen_name="Bút Xanh").byline == "Bút Xanh"
    assert make_article(category, author_name="Nguyễn A", pen_name="").byline == "Nguyễn A"


def test_saving_an_article_keeps_counts_added_since_it_was_loaded(category):
    """flush_stats and moderation add to the counters with UPDATE; an editor's save of an
    article loaded before must not write the old numbers back."""
    from django.db.models import F

    article = make_article(category)
    stale = Article.objects.get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(read_count=F("read_count") + 5, comment_count=F("comment_count") + 2)
    stale.title_vi = "Tiêu đề biên tập lại"
    stale.save()
    fresh = Article.objects.get(pk=article.pk)
    assert (fresh.title_vi, fresh.read_count, fresh.comment_count) == ("Tiêu đề biên tập lại", 5, 2)
