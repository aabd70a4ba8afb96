"""What Decree 42/2022 expects readers to find: the complete About and contact page, the links to
public services and other portals, campaign banners, the archive from every page, and each
article saved as a file."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from portal import pagecache
from portal.models import AboutPage, Banner, Leader, Link, LinkGroup, SiteSettings, Unit, next_banner_change
from portal.roles import ADMINISTRATORS, APPROVERS
from tests.conftest import make_article, make_staff


def png(size) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 138)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def about(db):
    site = SiteSettings.load()
    site.address_vi, site.phone, site.fax = "Số 1 Trần Phú", "0236 3822 000", "0236 3822 099"
    site.working_hours_vi, site.working_hours_en = "Thứ Hai đến thứ Sáu, 7:30–17:00", "Monday to Friday, 7:30–17:00"
    site.save()
    page = AboutPage.load()
    page = AboutPage.objects.get(pk=page.pk)
    Leader.objects.create(page=page, name="Nguyễn Văn An", position_vi="Giám đốc Sở", position_en="Director",
                          duties_vi="Lãnh đạo chung", duties_en="Overall leadership", phone="0236 3822 001")
    Unit.objects.create(page=page, name_vi="Thanh tra Sở", name_en="Inspectorate", head="Đặng Quốc Huy",
                        head_position_vi="Chánh Thanh tra", head_position_en="Chief Inspector",
                        email="thanhtra@example.gov.vn")
    return page


def test_the_about_page_names_leaders_units_fax_and_hours(client, about):
    html = client.get("/en/about/").text
    assert "Fax" in html and "0236 3822 099" in html
    assert "Monday to Friday, 7:30–17:00" in html
    leaders = re.search(r'<section aria-labelledby="leaders-title">.*?</section>', html, re.S).group(0)
    assert "Nguyễn Văn An" in leaders and "Director" in leaders and "Overall leadership" in leaders
    assert 'href="tel:02363822001"' in leaders
    units = re.search(r'<section aria-labelledby="org-title">.*?</section>', html, re.S).group(0)
    assert "Inspectorate" in units and "Chief Inspector: Đặng Quốc Huy" in units
    assert 'href="mailto:thanhtra@example.gov.vn"' in units
    # A list of headed items, not a wide table: it reads in order on a phone and to a screen reader.
    assert '<ul class="people units">' in units and "<table" not in units


def test_a_chart_image_needs_its_description(about):
    about.chart = SimpleUploadedFile("so-do.png", png((800, 300)), content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        about.full_clean()
    assert "chart_description_vi" in refused.value.message_dict


def test_the_chart_is_shown_with_its_text_alternative(client, about):
    about.chart_description_vi = "Sơ đồ: Ban Giám đốc và sáu đơn vị."
    about.chart.save("so-do.png", SimpleUploadedFile("so-do.png", png((800, 300))), save=True)
    html = client.get("/vi/about/").text
    assert re.search(r'<img src="[^"]+so-do[^"]*\.png" alt="Sơ đồ: Ban Giám đốc và sáu đơn vị." width="800" '
                     r'height="300"', html)


@pytest.fixture
def links(db):
    services = LinkGroup.objects.create(name_vi="Dịch vụ công", name_en="Public services",
                                        placement=LinkGroup.Placement.SERVICES)
    Link.objects.create(group=services, title_vi="Cổng Dịch vụ công quốc gia", title_en="National portal",
                        url="https://dichvucong.gov.vn/")
    Link.objects.create(group=services, title_vi="Hỏi đáp", title_en="Questions", url="/vi/about/")
    portals = LinkGroup.objects.create(name_vi="Các bộ, ngành", name_en="Ministries")
    Link.objects.create(group=portals, title_vi="Cổng Thông tin điện tử Chính phủ", title_en="Government Portal",
                        url="https://chinhphu.vn/")
    return services, portals


def test_links_to_services_and_other_portals_are_in_the_footer_and_say_they_leave(client, links, article):
    for path in ("/vi/", article.get_absolute_url(), "/vi/about/", "/vi/search/?q=x"):
        footer = re.search(r"<footer.*</footer>", client.get(path).text, re.S).group(0)
        assert 'href="/vi/archive/"' in footer  # the monthly archive, from every page
        assert '<summary>Các bộ, ngành</summary>' in footer
        government = re.search(r'<a href="https://chinhphu.vn/"[^>]*>.*?</a>', footer).group(0)
        assert 'rel="external"' in government and "(trang web khác)" in government
        own = re.search(r'<a href="/vi/about/"[^>]*>Hỏi đáp</a>', footer)
        assert own is not None  # an address of this site is not marked as leaving it


def test_the_home_page_leads_to_public_services(client, links):
    html = client.get("/en/").text
    services = re.search(r'<nav class="service-links".*?</nav>', html, re.S).group(0)
    assert "Public services" in services and 'href="https://dichvucong.gov.vn/"' in services


@pytest.mark.parametrize("address", ["javascript:alert(1)", "//evil.example/", "ftp://files.example/", "vi/about",
                                     "data:text/html,x", "https:///nohost"])
def test_a_link_takes_only_this_sites_or_web_addresses(admin_client, links, address):
    services, _portals = links
    response = admin_client.post(f"/admin/portal/linkgroup/{services.pk}/change/", {
        "name_vi": "Dịch vụ công", "name_en": "", "placement": "services", "order": "0",
        "links-TOTAL_FORMS": "1", "links-INITIAL_FORMS": "0", "links-MIN_NUM_FORMS": "0", "links-MAX_NUM_FORMS": "1000",
        "links-0-title_vi": "Xấu", "links-0-title_en": "", "links-0-url": address, "links-0-order": "0",
    })
    assert response.status_code == 200  # the form again, with its error
    assert "errorlist" in response.text
    assert not Link.objects.filter(title_vi="Xấu").exists()
    assert services.links.count() == 2


def banner(**fields):
    item = Banner(title_vi="Chung tay chuyển đổi số", title_en="Go digital together", url="https://dichvucong.gov.vn/",
                  **fields)
    item.image.save("b.png", SimpleUploadedFile("b.png", png((1200, 150))), save=False)
    item.save()
    return item


def test_banners_show_between_their_days_only(client, db):
    today = timezone.localdate()
    banner(starts_on=today - datetime.timedelta(days=3), ends_on=today + datetime.timedelta(days=3))
    later = banner(starts_on=today + datetime.timedelta(days=2))
    later.title_vi = "Sắp tới"
    later.save()
    ended = banner(starts_on=today - datetime.timedelta(days=9), ends_on=today - datetime.timedelta(days=1))
    ended.title_vi = "Đã hết"
    ended.save()
    hidden = banner(is_shown=False)
    hidden.title_vi = "Đã ẩn"
    hidden.save()
    html = client.get("/vi/").text
    section = re.search(r'<section class="banners".*?</section>', html, re.S).group(0)
    assert 'alt="Chung tay chuyển đổi số (trang web khác)"' in section
    assert 'width="1200" height="150"' in section
    assert "Sắp tới" not in section and "Đã hết" not in section and "Đã ẩn" not in section


def test_a_banner_starting_later_drops_the_cached_pages_on_its_day(db):
    today = timezone.localdate()
    cache.delete(pagecache.DUE_KEY)
    banner(starts_on=today + datetime.timedelta(days=2))
    start = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=2), datetime.time.min))
    assert next_banner_change() == start
    assert cache.get(pagecache.DUE_KEY) == start.timestamp()


def test_a_banner_too_small_or_ending_before_it_starts_is_refused(db):
    item = Banner(title_vi="Nhỏ", starts_on=timezone.localdate(), ends_on=timezone.localdate() - datetime.timedelta(days=1))
    item.image.save("small.png", SimpleUploadedFile("small.png", png((96, 64))), save=False)
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "96 × 64" in str(refused.value.message_dict["image"]) and "960 × 120" in str(refused.value.message_dict["image"])
    assert "ends_on" in refused.value.message_dict


def test_who_keeps_the_site_content(client, django_user_model, editor, db):
    administrator = make_staff(django_user_model, "admin1", ADMINISTRATORS)
    approver = make_staff(django_user_model, "approver9", APPROVERS)
    client.force_login(administrator)
    for path in ("/admin/portal/sitesettings/1/change/", "/admin/portal/aboutpage/1/change/",
                 "/admin/portal/linkgroup/add/", "/admin/portal/banner/add/"):
        SiteSettings.load(), AboutPage.load()
        assert client.get(path).status_code == 200, path
    client.force_login(approver)
    assert client.get("/admin/portal/banner/add/").status_code == 200
    assert client.get("/admin/portal/linkgroup/add/").status_code == 403
    client.force_login(editor)
    for path in ("/admin/portal/sitesettings/1/change/", "/admin/portal/banner/add/", "/admin/portal/linkgroup/add/"):
        assert client.get(path).status_code == 403, path
    assert Group.objects.get(name=ADMINISTRATORS).permissions.filter(codename="change_banner").exists()


def test_an_article_saves_as_one_html_file(client, category):
    article = make_article(category, title="Hội nghị chuyển đổi số", pen_name="Minh Anh")
    page = client.get(article.get_absolute_url()).text
    assert f'href="/vi/articles/{article.slug}/save/" download' in page
    response = client.get(f"/vi/articles/{article.slug}/save/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}.html"'
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert "<h1>Hội nghị chuyển đổi số</h1>" in html and "Nội dung bài viết" in html and "Minh Anh" in html
    assert f'<a href="http://testserver/vi/articles/{article.slug}/">' in html  # where it came from


def test_an_unpublished_article_cannot_be_saved(client, draft_article):
    assert client.get(f"/vi/articles/{draft_article.slug}/save/").status_code == 404
    assert client.get("/vi/articles/no-such-article/save/").status_code == 404
