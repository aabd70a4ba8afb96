"""The chrome of every page (date bar, masthead, navigation, footer): each reader and page sees its own."""

from datetime import date

import pytest
from django.core.cache import caches

from portal import context_processors
from portal.models import SiteSettings
from stats.templatetags import stats_tags


@pytest.fixture
def other_category(db):
    from articles.models import Category

    return Category.objects.create(name_vi="Văn hoá", name_en="Culture", slug="van-hoa", order=5)


def current_items(html):
    """The navigation items marked as the current page."""
    nav = html[html.index('<nav class="mainnav"'):html.index("</nav>", html.index('<nav class="mainnav"'))]
    return [part.split('"')[1] for part in nav.split("<a href=")[1:] if 'aria-current="page"' in part.split(">")[0]]


def test_each_section_marks_its_own_navigation_item(client, category, other_category, article):
    pages = {"/vi/": "/vi/", f"/vi/category/{category.slug}/": f"/vi/category/{category.slug}/",
             f"/vi/category/{other_category.slug}/": f"/vi/category/{other_category.slug}/",
             f"/vi/articles/{article.slug}/": f"/vi/category/{category.slug}/", "/vi/about/": "/vi/about/"}
    for _round in range(2):  # the second round comes from the cache
        for path, current in pages.items():
            assert current_items(client.get(path).text) == [current], path


def test_a_search_keeps_its_words_in_the_box_and_no_other_page_does(client, article):
    assert 'value="dân vận"' in client.get("/vi/search/", {"q": "dân vận"}).text
    assert 'value="văn hoá"' in client.get("/vi/search/", {"q": "văn hoá"}).text
    assert "dân vận\"" not in client.get("/vi/").text.split('name="q"')[1].split(">")[0]


def test_the_chrome_speaks_the_pages_language(client, article):
    vi = client.get("/vi/").text
    en = client.get("/en/").text
    assert "Bỏ qua" in vi or "Chuyển đến nội dung chính" in vi
    assert "Text size and contrast" in en and "Text size and contrast" not in vi
    assert 'href="/en/about/"' in en and 'href="/vi/about/"' in vi


def test_the_reader_and_the_language_switch_are_never_shared(client, article, editor):
    url = f"/vi/articles/{article.slug}/"
    anonymous = client.get(url).text
    assert "Đăng nhập" in anonymous and editor.get_full_name() not in anonymous
    client.force_login(editor)
    signed_in = client.get(url).text
    assert editor.get_full_name() in signed_in
    client.logout()
    assert editor.get_full_name() not in client.get(url).text
    # the switch points to this page in the other language, whatever page came before
    assert f'href="/en/articles/{article.slug}/"' in client.get(url).text
    assert 'href="/en/about/"' in client.get("/vi/about/").text


def test_the_date_follows_the_day(client, article, monkeypatch):
    client.get("/vi/")
    monkeypatch.setattr(context_processors.timezone, "localdate", lambda: date(2027, 1, 2))
    assert 'datetime="2027-01-02"' in client.get("/vi/").text


def test_the_footer_follows_the_figures_within_the_minute(client, article, monkeypatch):
    monkeypatch.setattr(stats_tags, "figures_cached", lambda: {"visits": 1234567, "online": 42})
    assert "1.234.567" in client.get("/vi/").text or "1,234,567" in client.get("/vi/").text
    monkeypatch.setattr(stats_tags, "figures_cached", lambda: {"visits": 1234999, "online": 43})
    caches["fragments"].clear()  # a minute later: the footer is kept for the minute it was made in
    html = client.get("/vi/").text
    assert "1.234.999" in html or "1,234,999" in html


def test_site_settings_and_categories_show_at_once(client, category, article):
    client.get("/vi/")
    site = SiteSettings.load()
    site.portal_name_vi = "Cổng thông tin mới"
    site.agency_name_vi = "Cơ quan mới"
    site.save()
    category.name_vi = "Chuyên mục đổi tên"
    category.save()
    html = client.get("/vi/").text
    assert "Cổng thông tin mới" in html and "Cơ quan mới" in html and "Chuyên mục đổi tên" in html


def test_a_new_category_joins_the_navigation_of_every_page(client, category, article):
    client.get(f"/vi/articles/{article.slug}/")
    from articles.models import Category

    Category.objects.create(name_vi="Chuyên mục mới", name_en="New section", slug="moi", order=9)
    assert "Chuyên mục mới" in client.get(f"/vi/articles/{article.slug}/").text
