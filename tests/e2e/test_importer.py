"""An imported article reads like the original page of the old portal (/work/shared/seed): reached
by its old address, same title, lead, photos with their captions in their places, text and byline."""

import pytest
from playwright.sync_api import expect

from importer import generator, services
from importer.seed_article import BYLINE, FRIENDLY_NAME, SUMMARY, TITLE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def imported(reference_data, tmp_path):
    export = generator.write(tmp_path / "export", count=3, pool=2, formats=("json",))
    run = services.portal_import(source=export / "json", media=export / "media")
    assert run.created == 3


def _photos_load(figures):
    """Every photo arrives (the body's are lazy: brought into view first)."""
    for n in range(figures.count()):
        figures.nth(n).scroll_into_view_if_needed()
    return all(figures.nth(n).locator("img").evaluate(
        "img => img.complete && img.naturalWidth > 0 || new Promise(done => {"
        " img.onload = () => done(img.naturalWidth > 0); img.onerror = () => done(false); })")
        for n in range(figures.count()))


def test_an_imported_article_reads_like_the_original(live_server, open_page, imported):
    page = open_page()
    response = page.goto(f"{live_server.url}/Pages/{FRIENDLY_NAME}.aspx")
    assert response.ok and "/vi/articles/hoi-nghi-truc-tuyen" in page.url
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".article-lead")).to_have_text(SUMMARY)
    # The three photos in their places, each with its caption, as the original page shows them.
    figures = page.locator("main figure")
    expect(figures).to_have_count(3)
    assert [figures.nth(n).locator("figcaption").inner_text() for n in range(3)] == [
        "Điểm cầu trung tâm tại Hà Nội", "Điểm cầu Bình Dương", "Điểm cầu Bình Dương"]
    assert _photos_load(figures)
    text = page.locator("main").inner_text()
    order = ["Điểm cầu trung tâm tại Hà Nội", "Tại điểm cầu Bình Dương đến dự", "Tâp trung triển khai",
             "Điểm cầu Bình Dương", "Cũng trong sáng nay", BYLINE]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    expect(page.locator(".byline")).to_have_text(BYLINE)
    assert "mso-" not in page.content() and "ExternalClass" not in page.content()
    # An old DispForm address of the same item leads to the same page.
    page.goto(f"{live_server.url}/Lists/TinTuc/DispForm.aspx?ID=1&Source=%2FPages%2Fdefault.aspx")
    expect(page.locator("h1")).to_have_text(TITLE)


def test_the_imported_article_is_readable_at_360_pixels(live_server, open_page, imported):
    page = open_page()
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/Pages/{FRIENDLY_NAME}.aspx")
    expect(page.locator("h1")).to_have_text(TITLE)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    assert page.locator("main figure img").first.evaluate("img => img.getBoundingClientRect().width") <= 360
