"""A citizen's question from the form to the published answer, in the browser: the citizen asks,
a moderator answers, an approver publishes, the citizen follows the e-mailed link and finds the
answer, also by a search without diacritics. Then the pages' accessibility (axe-core), and the
captcha's code spoken on demand by keyboard."""

import importlib
import re
import shutil

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from portal.roles import APPROVERS, MODERATORS
from questions.models import Question, Topic

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Cáp viễn thông treo thấp trước trường học"
BODY = "Trước cổng trường tiểu học Hòa Phú có nhiều sợi cáp treo rất thấp.\nĐề nghị Sở kiểm tra và xử lý."
ANSWER = "Sở đã yêu cầu các doanh nghiệp viễn thông chỉnh trang, bó gọn cáp trước ngày 30 tháng này."


@pytest.fixture
def question_roles(reference_data):
    """The questions app's fields and group permissions (a transactional test empties them)."""
    migration = importlib.import_module("questions.migrations.0002_fields_and_roles")
    from django.apps import apps

    migration.forwards(apps, None)


@pytest.fixture
def office(django_user_model, question_roles):
    def make(username, group):
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.vn", "Mat-khau-Van-Phong-1",
                                                     is_staff=True, first_name=username.title())
        user.groups.add(Group.objects.get(name=group))
        return user

    return {"answerer": make("traloi", MODERATORS), "approver": make("duyettraloi", APPROVERS)}


def sign_in(context, live_server, username):
    admin = context.new_page()
    admin.set_default_timeout(15_000)
    admin.goto(f"{live_server.url}/admin/login/?next=/admin/")
    admin.locator("#id_username").fill(username)
    admin.locator("#id_password").fill("Mat-khau-Van-Phong-1")
    admin.locator("input[type=submit]").click()
    return admin


def test_a_question_goes_from_the_form_to_the_published_answer(live_server, open_page, office, settings):
    settings.COMMENTS_NOTIFY_ASYNC = False
    settings.PAGE_CACHE_SECONDS = 60  # the publication must show through the page cache
    settings.SITE_URL = live_server.url  # the site's public address, which e-mailed links use
    page = open_page()

    # The citizen finds the form from the list, already on the field they chose.
    page.goto(f"{live_server.url}/vi/questions/field/vien-thong/")
    page.get_by_role("link", name="Đặt câu hỏi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đặt câu hỏi")
    expect(page.get_by_label("Lĩnh vực")).to_have_value(str(Topic.objects.get(slug="vien-thong").pk))
    page.get_by_label("Họ và tên").fill("Lê Thị Công Dân")
    page.get_by_label("Email", exact=True).fill("congdan@example.com")
    page.get_by_label("Số điện thoại (không bắt buộc)").fill("0905 123 456")
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Nội dung câu hỏi").fill(BODY)
    page.get_by_label("Mã xác nhận", exact=True).fill("sai")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    # A wrong code: only the code is asked for again.
    expect(page.get_by_text("Bạn chỉ cần nhập lại mã xác nhận")).to_be_visible()
    expect(page.get_by_label("Nội dung câu hỏi")).to_have_value(BODY)
    page.get_by_label("Mã xác nhận", exact=True).fill("passed")
    page.get_by_role("button", name="Gửi câu hỏi").click()

    expect(page).to_have_url(f"{live_server.url}/vi/questions/")
    expect(page.locator(".messages")).to_contain_text("Câu hỏi đã được gửi đến cơ quan")
    expect(page.locator("main")).not_to_contain_text(TITLE)
    question = Question.objects.get()
    assert question.status == Question.Status.WAITING and question.language == "vi"

    # A moderator finds it from the admin index, sees how long it waited, answers it.
    staff = page.context.browser.new_context(locale="vi-VN")
    admin = sign_in(staff, live_server, "traloi")
    waiting = admin.get_by_role("link", name="Câu hỏi chờ trả lời")
    expect(waiting).to_be_visible()
    waiting.click()
    expect(admin.locator(".question-waiting")).to_have_count(1)
    admin.get_by_role("link", name=TITLE).click()
    expect(admin.get_by_text("congdan@example.com")).to_be_visible()
    admin.locator("#id_answer").fill(ANSWER)
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    staff.close()
    assert Question.objects.get().status == Question.Status.ANSWERED
    page.goto(f"{live_server.url}/vi/questions/")
    expect(page.locator("main")).not_to_contain_text(TITLE)  # written is not yet published

    # An approver publishes it.
    staff = page.context.browser.new_context(locale="vi-VN")
    admin = sign_in(staff, live_server, "duyettraloi")
    admin.get_by_role("link", name="Câu trả lời chờ duyệt").click()
    admin.get_by_role("link", name=TITLE).click()
    admin.locator("#id_decision").select_option("published")
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_contain_text("người hỏi sẽ nhận email")
    staff.close()

    # The citizen is e-mailed the link, follows it and reads the answer, never the e-mail or phone.
    answered = [message for message in mail.outbox if message.to == ["congdan@example.com"]]
    assert len(answered) == 1 and "Câu hỏi của bạn đã được trả lời" in answered[0].subject
    link = re.search(r"\S+/vi/questions/\d+/", answered[0].body).group(0)
    assert link == f"{live_server.url}/vi/questions/{question.pk}/"
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".qa-question")).to_contain_text("Trước cổng trường tiểu học Hòa Phú")
    expect(page.locator(".qa-answer")).to_contain_text(ANSWER)
    expect(page.locator("main")).to_contain_text("Lê Thị Công Dân")
    expect(page.locator("main")).not_to_contain_text("congdan@example.com")
    expect(page.locator("main")).not_to_contain_text("0905 123 456")

    # On the list, newest first (reloaded: the browser may keep a page a few seconds without
    # asking), and found by a search typed without diacritics.
    page.goto(f"{live_server.url}/vi/questions/")
    page.reload()
    expect(page.locator(".question-item").first).to_contain_text(TITLE)
    page.get_by_role("searchbox", name="Tìm câu hỏi").fill("cap vien thong treo thap")
    page.get_by_role("search", name="Tìm câu hỏi").get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator(".qa-main")).to_contain_text("Tìm thấy 1 câu hỏi")
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(link)


AXE_PAGES = ["/{lang}/questions/", "/{lang}/questions/field/cap-phep/", "/{lang}/questions/{pk}/",
             "/{lang}/questions/ask/", "/{lang}/questions/?q=giay+phep"]


def serious_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                           .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return found


@pytest.mark.parametrize("contrast", ["0", "2"])
def test_the_question_pages_pass_axe_in_both_languages(live_server, open_page, question_roles, axe_source, contrast):
    topic = Topic.objects.get(slug="cap-phep")
    pks = {}
    for language, title in (("vi", "Thủ tục cấp giấy phép bưu chính"), ("en", "Applying for a postal licence")):
        question = Question.objects.create(topic=topic, language=language, title=title, name="Người Hỏi",
                                           email="hoi@example.com", body="Cần giấy phép gì?\nXin cảm ơn.",
                                           answer="Nộp hồ sơ trực tuyến.", status=Question.Status.PUBLISHED)
        from django.utils import timezone

        Question.objects.filter(pk=question.pk).update(published_at=timezone.now())
        pks[language] = question.pk
    # bypass_csp only lets the audit script in; the pages themselves are unchanged.
    page = open_page(bypass_csp=True)
    page.goto(live_server.url + "/vi/")
    page.evaluate(f"localStorage.setItem('portal.contrast', '{contrast}')")
    for language in ("vi", "en"):
        for template in AXE_PAGES:
            url = live_server.url + template.format(lang=language, pk=pks[language])
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("h1").count() == 1, url
            assert serious_violations(page, axe_source) == [], url


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_code_is_spoken_by_keyboard_and_follows_a_new_image(live_server, open_page, question_roles):
    page = open_page()
    page.goto(f"{live_server.url}/vi/questions/ask/")
    key = page.locator("input[name=captcha_0]").input_value()
    listen = page.get_by_role("button", name="Nghe mã")
    expect(listen).to_be_visible()
    expect(page.locator("[data-captcha-audio-link]")).to_be_hidden()  # the script took over the link

    # From the answer box, by keyboard only: Tab to "New image", Tab to "Listen", Enter.
    page.get_by_label("Mã xác nhận", exact=True).focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Lấy mã khác")).to_be_focused()
    page.keyboard.press("Tab")
    expect(listen).to_be_focused()
    with page.expect_response(re.compile(r"/captcha/audio/vi/\w+\.wav$")) as sound:
        page.keyboard.press("Enter")
    assert sound.value.status == 200 and sound.value.url.endswith(f"/{key}.wav")
    assert sound.value.headers["content-type"] == "audio/wav"
    status = page.locator("[data-captcha-audio-status]")
    # Played to its end (headless Chromium plays sound without a device), then announced.
    expect(status).to_have_text("Hãy nhập mã bạn vừa nghe vào ô mã xác nhận.", timeout=20_000)

    # A new image: the button now speaks the new key's code.
    page.get_by_role("button", name="Lấy mã khác").click()
    expect(page.locator("input[name=captcha_0]")).not_to_have_value(key)
    new_key = page.locator("input[name=captcha_0]").input_value()
    with page.expect_response(re.compile(r"/captcha/audio/vi/\w+\.wav$")) as sound:
        listen.press("Enter")
    assert sound.value.url.endswith(f"/{new_key}.wav")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_english_page_speaks_english(live_server, open_page, question_roles):
    page = open_page()
    page.goto(f"{live_server.url}/en/questions/ask/")
    with page.expect_response(re.compile(r"/captcha/audio/en/\w+\.wav$")) as sound:
        page.get_by_role("button", name="Listen to the code").click()
    assert sound.value.status == 200
