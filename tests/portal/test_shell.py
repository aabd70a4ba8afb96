import pytest

from portal.models import SiteSettings


def test_root_sends_the_reader_to_their_language(client, db):
    assert client.get("/").url == "/vi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").url == "/en/"


def test_a_chosen_language_cookie_wins_over_the_browser(client, db):
    client.cookies["django_language"] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi").url == "/en/"


def test_home_is_served_in_vietnamese_and_english(client, article):
    vi = client.get("/vi/")
    en = client.get("/en/")
    assert vi.status_code == 200 and en.status_code == 200
    assert '<html lang="vi"' in vi.text and '<html lang="en"' in en.text
    assert article.title_vi in vi.text
    assert article.title_en in en.text


def test_language_switch_keeps_the_reader_on_the_same_page(client, article):
    page = client.get(f"/vi/articles/{article.slug}/")
    assert f'href="/en/articles/{article.slug}/"' in page.text
    search = client.get("/en/search/", {"q": "dân vận"})
    assert 'href="/vi/search/?q=d%C3%A2n+v%E1%BA%ADn"' in search.text


def test_shell_has_the_portal_parts(client, db):
    site = SiteSettings.load()
    site.portal_name_vi = "Cổng thông tin thử nghiệm"
    site.agency_name_vi = "Sở Thử nghiệm"
    site.address_vi = "1 Trần Phú"
    site.phone = "0236 123 456"
    site.email = "so@example.gov.vn"
    site.save()
    html = client.get("/vi/").text
    assert "Cổng thông tin thử nghiệm" in html
    assert "1 Trần Phú" in html and "0236 123 456" in html and "so@example.gov.vn" in html
    assert 'class="skip-link" href="#main"' in html
    assert 'role="search"' in html
    assert 'data-a11y="font-up"' in html and 'data-a11y="contrast-up"' in html
    assert 'aria-live="polite"' in html
    assert "Đăng nhập" in html  # Sign in, in Vietnamese


def test_today_is_shown_as_day_month_year(client, db):
    from django.utils import timezone

    assert timezone.localdate().strftime("%d/%m/%Y") in client.get("/vi/").text


def test_signed_in_staff_see_their_name_and_sign_out(client, editor):
    client.force_login(editor)
    html = client.get("/vi/").text
    assert editor.get_full_name() in html
    assert "Đăng xuất" in html
    assert "Đăng nhập" not in html


def test_sign_in_link_returns_to_the_page(client, article):
    html = client.get(f"/en/articles/{article.slug}/").text
    assert f"/admin/login/?next=/en/articles/{article.slug}/" in html


def test_site_settings_are_read_from_the_cache_not_the_database(client, db, django_assert_max_num_queries):
    SiteSettings.load()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        SiteSettings.load()
    assert len(queries) == 0


def test_saving_site_settings_shows_at_once(client, db):
    client.get("/vi/")
    site = SiteSettings.load()
    site.portal_name_vi = "Tên mới của cổng"
    site.save()
    assert "Tên mới của cổng" in client.get("/vi/").text


def test_about_page_in_both_languages(client, db):
    from portal.models import AboutPage, Contact

    about = AboutPage.load()
    about.functions_vi = "Chức năng quản lý nhà nước."
    about.functions_en = "State management functions."
    about.save()
    Contact.objects.create(page=about, name="Nguyễn Văn A", position_vi="Giám đốc", position_en="Director",
                           phone="0236 1", email="a@example.gov.vn")
    vi = client.get("/vi/about/").text
    en = client.get("/en/about/").text
    assert "Chức năng quản lý nhà nước." in vi and "Giám đốc" in vi and "a@example.gov.vn" in vi
    assert "State management functions." in en and "Director" in en


@pytest.mark.parametrize("url", [
    "/vi/no-such-page/", "/xx/", "/fr/articles/x/", "/vi/category/none/",
    "/vi/articles/does-not-exist/", "/vi/archive/2026/13/", "/vi/archive/0000/00/",
])
def test_unknown_urls_get_the_styled_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "error-page" in response.text


@pytest.mark.parametrize("query", [
    "page=abc", "page=-1", "page=0", "page=99999999999999999999", "page=%FF%FE", "page=1%00",
    "page=1&page=2", "q=%00%00", "page=" + "9" * 5000,
])
def test_malformed_query_strings_never_500(client, article, query):
    response = client.get(f"/vi/category/{article.category.slug}/?{query}")
    assert response.status_code in (200, 400, 404)  # 400: a NUL character (%00)
    assert client.get(f"/vi/search/?{query}").status_code in (200, 400, 404)


def test_too_many_query_fields_is_a_400(client, db):
    query = "&".join(f"f{i}=1" for i in range(1500))
    response = client.get(f"/vi/search/?{query}")
    assert response.status_code == 400


def test_error_pages_exist_in_both_languages(client, db):
    from django.template.loader import render_to_string

    for name in ("400.html", "500.html"):
        html = render_to_string(name)
        assert "Về trang chủ" in html and "Go to the home page" in html


def test_csrf_failure_is_explained(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/vi/search/", {"q": "x"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.text


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_is_503_when_the_cache_is_down(client, db, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"


def test_robots_and_sitemap(client, article):
    assert "Sitemap:" in client.get("/robots.txt").text
    sitemap = client.get("/sitemap.xml").text
    assert f"/vi/articles/{article.slug}/" in sitemap
    assert 'hreflang="en"' in sitemap
