"""The page shell in a real browser: text size and contrast persist, keyboard works, 360 px fits."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(reference_data, category):
    return make_article(category, title="Bài viết thử nghiệm", title_en="A test article")


def font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_text_size_and_contrast_persist_across_pages_languages_and_reloads(live_server, page, site):
    page.goto(f"{live_server.url}/vi/")
    default = font_size(page)
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    assert font_size(page) == pytest.approx(default * 1.5)
    assert page.get_by_role("button", name="Tăng cỡ chữ").is_disabled()  # the largest step
    page.get_by_role("button", name="Tăng độ tương phản").click()
    assert page.locator("html").get_attribute("data-contrast") == "1"
    expect(page.locator("#a11y-status")).to_have_text("Độ tương phản cao")

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert font_size(page) == pytest.approx(default * 1.5)
    assert page.locator("html").get_attribute("data-contrast") == "1"

    page.get_by_role("link", name="A test article").first.click()
    page.reload()
    assert font_size(page) == pytest.approx(default * 1.5)
    assert page.locator("html").get_attribute("data-contrast") == "1"

    page.get_by_role("button", name="Default text size").click()
    page.get_by_role("button", name="Less contrast").click()
    page.reload()
    assert font_size(page) == pytest.approx(default)
    assert page.locator("html").get_attribute("data-contrast") == "0"


def test_accessibility_bar_works_from_the_keyboard(live_server, page, site):
    page.goto(f"{live_server.url}/vi/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.goto(f"{live_server.url}/vi/")
    for _ in range(20):  # to the A+ button, past the skip link and A-, A
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.a11y") == "font-up":
            break
    page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("data-font") == "1"
    page.keyboard.press("Space")
    assert page.locator("html").get_attribute("data-font") == "2"


def test_largest_text_fits_a_360px_phone_without_horizontal_scrolling(live_server, browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/vi/")
        page.evaluate("localStorage.setItem('portal.font', '2'); localStorage.setItem('portal.contrast', '2')")
        for url in ("/vi/", f"/vi/articles/{site.slug}/", "/vi/about/", "/en/search/?q=test", "/vi/no-page/"):
            page.goto(live_server.url + url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{url} is {width}px wide"
    finally:
        context.close()
