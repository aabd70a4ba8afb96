"""Photos and video in Chromium: an image uploaded through the body editor shows on the public
page; a photo story's lightbox works by keyboard and by swiping; the pages pass axe."""

import io
import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from multimedia import demo
from multimedia.models import Image
from tests.conftest import make_article
from tests.e2e.test_accessibility import audit
from tests.e2e.test_editorial import sign_in
from tests.multimedia.conftest import jpeg

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_image_uploaded_in_the_editor_is_a_figure_on_the_page(live_server, open_page, reference_data, approver,
                                                                  category, tmp_path):
    article = make_article(category, title="Bài có ảnh mới", created_by=approver)
    photo = tmp_path / "hoi-truong.jpg"
    photo.write_bytes(jpeg(1400, 900))
    page = open_page()
    sign_in(page, live_server, "approver1")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".prose-editor:has(#id_content_vi)")
    editor.locator("[contenteditable=true] p").last.click()
    page.keyboard.press("End")
    editor.locator("button[data-name=figure]").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        dialog.locator(".prose-editor-field-with-picker button").click()
    picker = opened.value
    picker.locator("details.image-picker-upload").evaluate("details => { details.open = true; }")
    picker.set_input_files("input[name=file]", str(photo))
    picker.fill("input[name=alt_vi]", "Hội trường điểm cầu trung tâm")
    picker.fill("input[name=caption_vi]", "Điểm cầu trung tâm tại Hà Nội")
    with picker.expect_event("close"):  # the new image goes into the text and the window closes
        picker.locator("input[type=submit].default").click()
    expect(dialog.locator("input[name=caption]")).to_have_value("Điểm cầu trung tâm tại Hà Nội")
    dialog.locator("button[type=submit]").click()
    # The editor sees the image while writing.
    expect(editor.locator("figure img[alt='Hội trường điểm cầu trung tâm']")).to_be_visible()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    image = Image.objects.get()
    assert image.uploaded_by == approver
    reader = open_page()
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    figure = reader.locator(".article-content figure")
    expect(figure.locator("figcaption")).to_have_text("Điểm cầu trung tâm tại Hà Nội")
    shown = figure.locator("img")
    expect(shown).to_have_attribute("alt", "Hội trường điểm cầu trung tâm")
    assert shown.get_attribute("width") == "1400" and shown.get_attribute("srcset")
    assert shown.evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.fixture
def demo_pages(reference_data, category):
    demo.load(users={}, stdout=io.StringIO())
    return {title: Article.objects.get(title_vi=title).get_absolute_url()
            for title in (demo.SEED_TITLE, demo.STORY_TITLE, demo.VIDEO_TITLE)}


def test_the_gallery_works_by_keyboard(live_server, open_page, demo_pages):
    page = open_page()
    page.goto(f"{live_server.url}{demo_pages[demo.STORY_TITLE]}")
    links = page.locator(".photo-story-open")
    expect(links).to_have_count(6)
    links.nth(1).focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    count = dialog.locator(".lightbox-count")
    expect(count).to_have_text(re.compile(r"\b2\b.*\b6\b"))
    expect(dialog.locator("figcaption")).to_have_text("Cán bộ một cửa hướng dẫn kê khai hồ sơ.")
    page.keyboard.press("ArrowRight")
    expect(count).to_have_text(re.compile(r"\b3\b.*\b6\b"))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(count).to_have_text(re.compile(r"\b6\b.*\b6\b"))  # from the first back round to the last
    expect(dialog.locator("img")).to_have_attribute("alt", "Người dân nhận kết quả tại quầy trả kết quả")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement === document.querySelectorAll('.photo-story-open')[1]")


def test_the_gallery_moves_by_swiping_on_a_phone(live_server, browser, demo_pages):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}{demo_pages[demo.STORY_TITLE]}")
    page.locator(".photo-story-open").first.tap()
    count = page.locator(".lightbox-count")
    expect(count).to_have_text(re.compile(r"\b1\b.*\b6\b"))
    page.locator("dialog.lightbox figure").evaluate("""figure => {
        const touch = x => new Touch({identifier: 1, target: figure, clientX: x, clientY: 200});
        figure.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(300)], bubbles: true}));
        figure.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(80)], bubbles: true}));
    }""")
    expect(count).to_have_text(re.compile(r"\b2\b.*\b6\b"))
    context.close()


@pytest.mark.parametrize("contrast", ["0", "2"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_media_pages_have_no_serious_accessibility_violations(live_server, browser, axe_source, demo_pages,
                                                                  lang, contrast):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/{lang}/")
        page.evaluate(f"localStorage.setItem('portal.contrast', '{contrast}')")
        problems = {}
        for url in demo_pages.values():
            url = url.replace("/vi/", f"/{lang}/", 1)
            page.goto(live_server.url + url)
            violations = audit(page, axe_source)
            if page.locator(".photo-story-open").count():
                page.locator(".photo-story-open").first.click()
                violations += audit(page, axe_source)
            if violations:
                problems[url] = violations
        assert not problems, problems
    finally:
        context.close()
