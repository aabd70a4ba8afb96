"""The royalty side of the article admin: fees typed, cleared and recomputed; the report link."""

import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.conftest import make_article
from tests.royalties.conftest import REPORT_URL, at, paid


def management_forms(html):
    return dict(re.findall(r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d*)"', html))


def change_data(client, article, **overrides):
    """The article's change form as an approver would send it back."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(url).text
    publish_at = timezone.localtime(article.publish_at)
    data = {
        "title_vi": article.title_vi, "title_en": article.title_en or "",
        "summary_vi": article.summary_vi, "summary_en": article.summary_en or "",
        "content_vi": article.content_vi, "content_en": article.content_en or "",
        "image_caption_vi": "", "image_caption_en": "", "slug": article.slug,
        "category": article.category_id, "article_type": article.article_type_id, "content_link": "",
        "publish_at_0": publish_at.strftime("%d/%m/%Y"), "publish_at_1": publish_at.strftime("%H:%M:%S"),
        "allow_comments": "on", "is_shown": "on", "author_name": article.author_name, "pen_name": article.pen_name,
        "phone": "", "email": "", "page_count": str(article.page_count), "photo_count": str(article.photo_count),
        "coefficient": str(article.coefficient), "fee": "" if article.fee is None else str(article.fee),
        "fee_overridden": "on" if article.fee_overridden else None,
        "royalty_paid_at": article.royalty_paid_at.strftime("%d/%m/%Y") if article.royalty_paid_at else "",
    }
    data.update(management_forms(html))
    data["attachments-TOTAL_FORMS"] = "0"
    data.update(overrides)
    return url, {key: value for key, value in data.items() if value is not None}


# -- the article form -----------------------------------------------------------------------

def test_approver_typing_a_fee_marks_it_set_by_hand(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10))
    client.force_login(approver)
    url, data = change_data(client, article, fee="555000")
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (555_000, True)


def test_clearing_the_override_recomputes_the_fee_of_an_approved_article(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), fee=555_000, fee_overridden=True)
    client.force_login(approver)
    url, data = change_data(client, article)
    del data["fee_overridden"]
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (468_000, False)


def test_emptying_a_hand_fee_goes_back_to_the_computed_one(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), fee=555_000, fee_overridden=True)
    client.force_login(approver)
    url, data = change_data(client, article, fee="")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (468_000, False)


def test_correcting_the_coefficient_of_an_approved_article_recomputes_its_fee(client, approver, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10))
    client.force_login(approver)
    url, data = change_data(client, article, coefficient="3")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.fee, article.fee_overridden) == (702_000, False)


def test_typed_fee_survives_save_and_approve(client, approver, category):
    article = make_article(category, approval=Article.Approval.PENDING, coefficient=Decimal("2"),
                           publish_at=at(2024, 8, 10))
    client.force_login(approver)
    url, data = change_data(client, article, fee="777000", _approve="1")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.approval == Article.Approval.APPROVED
    assert (article.fee, article.fee_overridden) == (777_000, True)


def test_coefficient_over_the_type_limit_is_a_form_error_naming_the_limit(client, approver, category, news_type):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), article_type=news_type)
    client.force_login(approver)
    url, data = change_data(client, article, coefficient="12")
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["coefficient"]
    assert any("10" in error for error in errors)
    article.refresh_from_db()
    assert article.coefficient == Decimal("2")


def test_editor_sees_the_fee_of_an_approved_article_read_only(client, editor, category):
    article = paid(category, coefficient=Decimal("2"), publish_at=at(2024, 8, 10), created_by=editor)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "468.000 đ" in html
    assert 'name="fee"' not in html


# -- the changelist -------------------------------------------------------------------------

def test_changelist_links_to_the_report_only_for_those_allowed(client, approver, editor):
    client.force_login(approver)
    html = client.get(reverse("admin:articles_article_changelist")).text
    assert f'href="{REPORT_URL}"' in html
    assert "recoverlist" in html or "/recover/" in html  # reversion's link is kept
    client.force_login(editor)
    assert f'href="{REPORT_URL}"' not in client.get(reverse("admin:articles_article_changelist")).text
