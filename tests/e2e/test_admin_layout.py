"""The back office on a common office screen: the article list fits beside its filters."""

import pytest
from django.utils import timezone

from articles.models import Article, ArticleType
from tests.conftest import make_article
from tests.e2e.test_editorial import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("username", ["editor1", "approver1"])
def test_the_article_list_fits_a_1280_px_screen(live_server, browser, reference_data, editor, approver,
                                                category, username):
    kinds = list(ArticleType.objects.all())
    for i in range(12):
        make_article(category, title=f"Hội nghị tổng kết công tác chuyển đổi số năm 2026, lần thứ {i}",
                     author_name="Nguyễn Thị Minh Khai", article_type=kinds[i % len(kinds)],
                     approval=Article.Approval.PENDING if i % 3 else Article.Approval.APPROVED,
                     featured=i == 0, is_shown=i != 3, created_by=editor,
                     publish_at=timezone.now() - timezone.timedelta(days=i))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, username)
    page.goto(f"{live_server.url}/admin/articles/article/")
    table = page.locator(".results")
    overflow = table.evaluate("table => table.scrollWidth - table.clientWidth")
    assert overflow <= 0, f"the list scrolls sideways by {overflow} px"
    header = page.locator("#result_list thead").inner_text()
    for column in ("Tiêu đề", "Chuyên mục", "Trạng thái duyệt", "Ngày xuất bản", "Tác giả"):
        assert column.upper() in header.upper()
    assert page.locator("#changelist-filter").is_visible()
    context.close()
