"""Links meant for elsewhere (canonical, Open Graph, robots.txt) carry the one configured site
address, whatever Host the request named: a page cached under one name serves every reader."""

import pytest

from portal.models import SiteSettings


@pytest.fixture
def two_names(settings):
    settings.ALLOWED_HOSTS = ["portal.example.gov.vn", "www.portal.example.gov.vn"]
    settings.SITE_URL = "https://portal.example.gov.vn"
    settings.PAGE_CACHE_SECONDS = 60
    SiteSettings.load()  # a running site has its settings row; creating it bumps the page version


def test_a_page_cached_under_one_host_name_links_to_the_site_address(client, article, two_names):
    first = client.get(article.get_absolute_url(), HTTP_HOST="www.portal.example.gov.vn")
    second = client.get(article.get_absolute_url(), HTTP_HOST="portal.example.gov.vn")
    assert second["X-Cache"] == "HIT"
    canonical = f'<link rel="canonical" href="https://portal.example.gov.vn{article.get_absolute_url()}">'
    for response in (first, second):
        assert canonical in response.text
        assert 'content="https://portal.example.gov.vn/' in response.text  # og:url
        assert "www.portal.example.gov.vn" not in response.text


def test_category_canonical_and_robots_use_the_site_address(client, article, two_names):
    response = client.get(article.category.get_absolute_url(), HTTP_HOST="www.portal.example.gov.vn")
    assert f'href="https://portal.example.gov.vn{article.category.get_absolute_url()}"' in response.text
    robots = client.get("/robots.txt", HTTP_HOST="www.portal.example.gov.vn")
    assert "Sitemap: https://portal.example.gov.vn/sitemap.xml" in robots.text


def test_without_a_configured_address_development_links_to_itself(client, article, settings):
    settings.SITE_URL = ""
    response = client.get(article.get_absolute_url())
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in response.text
