"""Two levels of approval in the browser: the editor submits, the section secretary returns it with
a note, the editor corrects and resubmits, the secretary forwards, the board approves; then an
approver compares two versions and restores the older one. Nothing is lost on the way: the reads,
the comments and the fee stay."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import F
from playwright.sync_api import expect

from articles.models import Article, ApprovalLevel
from portal.roles import APPROVERS, SECRETARIES
from tests.comments.helpers import make_comment
from tests.conftest import make_staff
from tests.e2e.test_editorial import sign_in, type_rich_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def secretary(reference_data, django_user_model):
    return make_staff(django_user_model, "secretary1", SECRETARIES)


def as_user(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server, username)
    return context, page


def test_an_article_through_two_levels_a_return_and_a_restore(live_server, browser, reference_data, editor,
                                                              secretary, approver, category, settings):
    settings.COMMENTS_NOTIFY_ASYNC = False
    ApprovalLevel.objects.create(position=1, name="Thư ký tòa soạn kiểm tra", group=Group.objects.get(name=SECRETARIES))
    ApprovalLevel.objects.create(position=2, name="Lãnh đạo duyệt", group=Group.objects.get(name=APPROVERS))

    context, page = as_user(browser, live_server, "editor1")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title_vi", "Hội nghị sơ kết công tác dân vận")
    page.fill("#id_summary_vi", "Sơ kết sáu tháng đầu năm.")
    type_rich_text(page, "content_vi", "Bản thảo đầu tiên.")
    page.select_option("#id_category", str(category.pk))
    page.fill("#id_coefficient", "4")
    page.click("input[name=_submit]")
    expect(page.locator(".messagelist")).to_be_visible()
    article = Article.objects.get()
    assert (article.approval, article.approval_level) == ("pending", 1)
    context.close()

    # The secretary finds it first in their queue and returns it with a note.
    context, page = as_user(browser, live_server, "secretary1")
    expect(page.locator(".portal-dashboard")).to_contain_text("Thư ký tòa soạn kiểm tra")
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.locator("th.field-title a").first.click()
    expect(page.locator(".workflow-status")).to_contain_text("1")
    page.fill("#id__workflow_note", "Bổ sung tên đại biểu tham dự.")
    page.click("input[name=_return]")
    expect(page.locator(".messagelist")).to_be_visible()
    context.close()

    # The editor sees the note, corrects the text and resubmits.
    context, page = as_user(browser, live_server, "editor1")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".errornote")).to_contain_text("Bổ sung tên đại biểu tham dự.")
    type_rich_text(page, "content_vi", " Có đồng chí Bùi Thị Minh Hoài dự.")
    page.click("input[name=_submit]")
    context.close()

    # The secretary forwards; the board approves.
    context, page = as_user(browser, live_server, "secretary1")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.click("input[name=_forward]")
    context.close()
    article.refresh_from_db()
    assert (article.approval, article.approval_level) == ("pending", 2)
    context, page = as_user(browser, live_server, "approver1")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert page.locator("input[name=_forward]").count() == 0
    page.check("#id_is_shown")
    page.click("input[name=_approve]")
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.approval == "approved" and article.fee
    steps = list(article.transitions.values_list("action", flat=True))
    assert steps == ["submit", "return", "submit", "forward", "approve"]

    # Readers read it and comment; then the approver compares and restores the first text.
    Article.objects.filter(pk=article.pk).update(read_count=F("read_count") + 3207)
    make_comment(article).approve(by=approver)
    fee = article.fee
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    page.locator("input[name=version_id1]").last.check()
    page.locator("#change-history input[type=submit]").click()
    expect(page.locator("pre.highlight ins").first).to_contain_text("Minh Hoài")  # what the correction added
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    page.locator("#change-history tbody th a").last.click()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert "Minh Hoài" not in article.content_vi and "Bản thảo đầu tiên." in article.content_vi
    assert (article.approval, article.fee, article.read_count, article.comment_count) == ("approved", fee, 3207, 1)
    assert article.transitions.last().action == "restore"
    reader = browser.new_context(locale="vi-VN").new_page()
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(reader.locator("main")).to_contain_text("Bản thảo đầu tiên.")
    expect(reader.locator("main")).not_to_contain_text("Minh Hoài")
    context.close()
