"""The public news pages: what readers may see, in which language, at what cost."""

import pytest
from django.utils import timezone

from articles.models import Article, Attachment, Category
from tests.conftest import make_article


def test_home_shows_featured_and_latest_of_each_category(client, category):
    other = Category.objects.create(name_vi="Văn hóa", name_en="Culture", slug="van-hoa")
    featured = make_article(category, title="Tin nổi bật nhất", featured=True)
    latest = make_article(other, title="Lễ hội mới")
    html = client.get("/vi/").text
    assert featured.title_vi in html and latest.title_vi in html
    assert html.index('id="featured-title"') < html.index(f'id="cat-{other.pk}"')


@pytest.mark.parametrize("state", [
    {"approval": Article.Approval.DRAFT},
    {"approval": Article.Approval.PENDING},
    {"approval": Article.Approval.REJECTED},
    {"is_shown": False},
    {"publish_at": timezone.now() + timezone.timedelta(hours=2)},
])
def test_unpublished_articles_are_hidden_from_readers(client, category, state):
    article = make_article(category, title="Bài không công khai", **state)
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ("/vi/", f"/vi/category/{category.slug}/", "/vi/search/?q=cong+khai", "/vi/rss/",
                "/sitemap.xml", f"/vi/archive/{timezone.localdate():%Y/%m}/"):
        assert "Bài không công khai" not in client.get(url).text, url


def test_staff_preview_unpublished_articles(client, category, editor):
    article = make_article(category, title="Bản nháp xem trước", approval=Article.Approval.DRAFT)
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "noindex" in response.text and "Bản nháp xem trước" in response.text


def test_scheduled_article_appears_when_its_time_comes(client, category):
    from unittest import mock

    article = make_article(category, title="Hẹn giờ đăng", publish_at=timezone.now() + timezone.timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    later = timezone.now() + timezone.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_article_page_shows_everything_but_the_authors_contact(client, category):
    article = make_article(category, title="Bài đầy đủ", pen_name="Bút Xanh", author_name="Nguyễn A",
                           phone="0905 123 456", email="tacgia@example.gov.vn")
    Attachment.objects.create(article=article, title_vi="Quyết định 12", file="attachments/qd12.pdf")
    sibling = make_article(category, title="Bài cùng chuyên mục")
    html = client.get(article.get_absolute_url()).text
    assert "Bài đầy đủ" in html and "Tóm tắt bài viết." in html and "Bút Xanh" in html
    assert "Quyết định 12" in html and sibling.title_vi in html
    assert article.publish_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y %H:%M") in html
    assert "0905 123 456" not in html and "tacgia@example.gov.vn" not in html
    assert 'rel="canonical"' in html and 'property="og:title"' in html
    assert 'data-print' in html  # the Print button


def test_other_articles_exclude_this_one(client, category):
    article = make_article(category, title="Chính nó")
    html = client.get(article.get_absolute_url()).text
    related = html[html.index('class="related"'):] if 'class="related"' in html else ""
    assert "Chính nó" not in related


def test_content_link_sends_the_reader_away(client, category):
    article = make_article(category, content_link="https://chinhphu.vn/bai-goc")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 302 and response.url == "https://chinhphu.vn/bai-goc"


def test_stored_script_never_reaches_a_page(client, category):
    article = make_article(category, title="<script>alert('t')</script>Tiêu đề",
                           summary_vi="<img src=x onerror=alert(1)>",
                           content_vi="<p>ok</p><script>alert('c')</script>")
    # Even if an old row holds raw HTML (written around save()), the title and lead are escaped.
    Article.objects.filter(pk=article.pk).update(content_vi="<p>ok</p>")
    for url in (article.get_absolute_url(), "/vi/", f"/vi/category/{category.slug}/", "/vi/rss/"):
        html = client.get(url).text
        assert "<script>alert(" not in html and "<img src=x onerror" not in html, url


def test_english_lists_hold_only_translated_articles(client, category):
    make_article(category, title="Chỉ có tiếng Việt", title_en="")
    bilingual = make_article(category, title="Song ngữ", title_en="Bilingual news")
    for url in ("/en/", f"/en/category/{category.slug}/", "/en/rss/"):
        html = client.get(url).text
        assert "Chỉ có tiếng Việt" not in html and bilingual.title_en in html


def test_untranslated_article_in_english_shows_vietnamese_with_a_notice(client, category):
    article = make_article(category, title="Chỉ có tiếng Việt", title_en="")
    html = client.get(f"/en/articles/{article.slug}/").text
    assert "Chỉ có tiếng Việt" in html
    assert "has not been translated into English" in html


def test_category_pages_are_paginated_newest_first(client, category):
    now = timezone.now()
    for day in range(15):
        make_article(category, title=f"Bài số {day:02d}", publish_at=now - timezone.timedelta(days=day, hours=1))
    first = client.get(f"/vi/category/{category.slug}/").text
    second = client.get(f"/vi/category/{category.slug}/?page=2").text
    assert "Bài số 00" in first and "Bài số 09" in first and "Bài số 10" not in first
    assert "Bài số 10" in second and "Bài số 14" in second
    assert first.index("Bài số 00") < first.index("Bài số 01")
    assert client.get(f"/vi/category/{category.slug}/?page=3").status_code == 404
    assert client.get(f"/vi/category/{category.slug}/?page=x").status_code == 404


def test_archive_by_month_in_local_time(client, category):
    # 00:30 on 1 November in Vietnam is still October in UTC: it belongs to November.
    local = timezone.make_aware(timezone.datetime(2025, 11, 1, 0, 30))
    make_article(category, title="Đầu tháng mười một", publish_at=local)
    index = client.get("/vi/archive/").text
    assert "/vi/archive/2025/11/" in index
    assert "Đầu tháng mười một" in client.get("/vi/archive/2025/11/").text
    assert "Đầu tháng mười một" not in client.get("/vi/archive/2025/10/").text


@pytest.mark.parametrize("query", ["dan van", "Dân vận", "DAN VAN", "dân VẬN", "  dan   van "])
def test_search_ignores_diacritics_and_case(client, category, query):
    article = make_article(category, title="Công tác Dân vận năm 2026")
    make_article(category, title="Kinh tế tăng trưởng", title_en="Economy grows", content_vi="<p>Số liệu.</p>")
    html = client.get("/vi/search/", {"q": query}).text
    assert article.title_vi in html
    assert "Kinh tế tăng trưởng" not in html


def test_search_matches_whole_words_and_ranks_titles_first(client, category):
    in_body = make_article(category, title="Hội nghị tổng kết", content_vi="<p>Bàn về công tác dân vận.</p>")
    in_title = make_article(category, title="Dân vận khéo", publish_at=timezone.now() - timezone.timedelta(days=5))
    make_article(category, title="Ban hành văn bản", content_vi="<p>Văn bản mới.</p>")  # "ban" is not "dan"
    html = client.get("/vi/search/", {"q": "dan van"}).text
    assert html.index(in_title.title_vi) < html.index(in_body.title_vi)
    assert "Ban hành văn bản" not in html


def test_search_in_english_uses_the_english_text(client, category):
    make_article(category, title="Cảng biển", title_en="Harbour expansion")
    assert "Harbour expansion" in client.get("/en/search/", {"q": "harbour"}).text
    assert "Cảng biển" not in client.get("/vi/search/", {"q": "harbour"}).text


def test_search_ranks_the_newest_matches_and_lists_them_all_by_date(client, category, monkeypatch):
    monkeypatch.setattr("articles.search.RANK_LIMIT", 3)
    now = timezone.now()
    # The oldest article has the words in its title: it would rank first, but is not among the 3 newest.
    oldest = make_article(category, title="Dân vận khéo", publish_at=now - timezone.timedelta(days=30))
    newer = [make_article(category, title=f"Tin số {n}", content_vi="<p>Bàn về công tác dân vận.</p>",
                          publish_at=now - timezone.timedelta(days=n)) for n in range(1, 5)]
    make_article(category, title="Tin mới nhất", content_vi="<p>Không liên quan.</p>")  # newest, no match
    html = client.get("/vi/search/", {"q": "dan van"}).text
    assert "5 bài viết" in html  # every match is counted
    assert oldest.title_vi not in html and newer[-1].title_vi not in html
    assert all(article.title_vi in html for article in newer[:3])
    assert "?q=dan%20van&amp;order=newest" in html  # the way to all of them
    by_date = client.get("/vi/search/", {"q": "dan van", "order": "newest"}).text
    positions = [by_date.index(article.title_vi) for article in [*newer, oldest]]
    assert positions == sorted(positions)
    assert "order=newest" not in by_date.split('class="search-order"')[1].split("</nav>")[0].split("<span")[0]


def test_search_order_survives_the_page_links(client, category, monkeypatch):
    for n in range(12):
        make_article(category, title=f"Dân vận số {n}", publish_at=timezone.now() - timezone.timedelta(hours=n + 1))
    html = client.get("/vi/search/", {"q": "dan van", "order": "newest"}).text
    assert "?q=dan%20van&amp;order=newest&amp;page=2" in html
    second = client.get("/vi/search/", {"q": "dan van", "order": "newest", "page": 2}).text
    assert "Dân vận số 11" in second and "Dân vận số 0<" not in second


@pytest.fixture
def running_site(db):
    from portal.models import SiteSettings

    SiteSettings.load()  # a running site has its settings row; creating it bumps the page-cache version


def test_the_same_search_again_is_answered_from_the_cache_and_follows_every_change(
        client, category, running_site, django_assert_num_queries):
    first = make_article(category, title="Chuyển đổi số ở cấp xã")
    assert "Chuyển đổi số ở cấp xã" in client.get("/vi/search/", {"q": "chuyển đổi số"}).text
    with django_assert_num_queries(0):  # the same words, typed another way: nothing is read again
        html = client.get("/vi/search/", {"q": "CHUYEN  doi so"}).text
    assert "Chuyển đổi số ở cấp xã" in html and "CHUYEN  doi so" in html
    later = make_article(category, title="Chuyển đổi số trong trường học")
    html = client.get("/vi/search/", {"q": "chuyển đổi số"}).text
    assert later.title_vi in html and "2 bài viết" in html
    first.is_shown = False
    first.save()
    html = client.get("/vi/search/", {"q": "chuyển đổi số"}).text
    assert first.title_vi not in html and later.title_vi in html and "1 bài viết" in html


def test_search_orders_and_pages_are_kept_apart(client, category, running_site, monkeypatch):
    monkeypatch.setattr("articles.search.RANK_LIMIT", 3)
    for n in range(14):  # the oldest have the words in their titles: the best ranked, if ranked
        make_article(category, title=f"Dân vận số {n}" if n > 10 else f"Tin số {n}",
                     content_vi="<p>Công tác dân vận.</p>", publish_at=timezone.now() - timezone.timedelta(hours=n + 1))
    relevant = client.get("/vi/search/", {"q": "dan van"}).text
    newest = client.get("/vi/search/", {"q": "dan van", "order": "newest"}).text
    second = client.get("/vi/search/", {"q": "dan van", "order": "newest", "page": 2}).text
    assert "14 bài viết" in relevant and "Dân vận số 13" not in relevant and "Tin số 2<" in relevant
    assert "Tin số 9<" in newest and "Dân vận số 13" not in newest and 'page=2' in newest
    assert "Dân vận số 13" in second and "Tin số 0<" not in second
    assert 'page=2' not in relevant  # three ranked: one page
    last = client.get("/vi/search/", {"q": "dan van", "order": "newest", "page": "last"}).text
    assert results(last) == results(second) != results(newest)


def results(html):
    return html.split('<div class="article-list">', 1)[1].split('<nav class="pagination"', 1)[0]


@pytest.mark.parametrize("page", ["0", "-1", "3", "x", "2.5", "9" * 400, "last1"])
def test_search_pages_that_do_not_exist_are_not_found(client, category, page):
    for n in range(12):
        make_article(category, title=f"Dân vận số {n}")
    assert client.get("/vi/search/", {"q": "dan van", "order": "newest", "page": page}).status_code == 404
    assert "Dân vận số" in client.get("/vi/search/", {"q": "dan van", "order": "newest"}).text


@pytest.mark.parametrize("order", ["", "oldest", "'; DROP TABLE x", "relevance", "newest", "x" * 3000])
def test_search_takes_any_order_parameter(client, category, order):
    make_article(category, title="Dân vận khéo")
    response = client.get("/vi/search/", {"q": "dan van", "order": order})
    assert response.status_code == 200 and "Dân vận khéo" in response.text


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "' OR 1=1 --", "{{ 7*7 }}", "<script>", "a" * 5000])
def test_search_handles_odd_queries(client, category, query):
    response = client.get("/vi/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.text.split("</header>", 1)[-1].replace("&lt;script&gt;", "")


def test_a_search_for_a_nul_character_is_a_clear_400(client, category):
    response = client.get("/vi/search/", {"q": "dân\x00vận"})
    assert response.status_code == 400 and b"NUL" in response.content


def test_feeds_for_the_site_and_a_category(client, category):
    article = make_article(category, title="Tin RSS")
    other = Category.objects.create(name_vi="Khác", slug="khac")
    make_article(other, title="Tin chuyên mục khác")
    site = client.get("/vi/rss/")
    assert site["Content-Type"].startswith("application/rss+xml")
    assert "Tin RSS" in site.text and "Tin chuyên mục khác" in site.text
    feed = client.get(f"/vi/category/{category.slug}/rss/").text
    assert article.get_absolute_url() in feed and "Tin chuyên mục khác" not in feed
    assert client.get("/vi/category/khong-co/rss/").status_code == 404


def test_sitemap_lists_both_languages(client, category):
    article = make_article(category)
    xml = client.get("/sitemap.xml").text
    assert f"/vi/articles/{article.slug}/" in xml and f"/en/articles/{article.slug}/" in xml
    assert 'hreflang="x-default"' in xml


def test_attachment_downloads_as_a_file(client, category, settings):
    from django.core.files.base import ContentFile

    article = make_article(category)
    attachment = Attachment(article=article, title_vi="Văn bản")
    attachment.file.save("van-ban.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    hidden = make_article(category, title="Ẩn", is_shown=False)
    attachment.article = hidden
    attachment.save()
    assert client.get(f"/vi/articles/{hidden.slug}/files/{attachment.pk}/").status_code == 404


def test_navigation_lists_the_categories(client, category):
    html = client.get("/vi/").text
    assert f'href="/vi/category/{category.slug}/"' in html
    category.name_vi = "Tên mới"
    category.save()
    assert "Tên mới" in client.get("/vi/").text


@pytest.mark.parametrize("many", [2, 20])
def test_public_pages_run_a_constant_number_of_queries(client, category, django_assert_max_num_queries, many):
    from articles.models import Category as C

    for n in range(4):
        C.objects.create(name_vi=f"Mục {n}", slug=f"muc-{n}")
    articles = [make_article(category, title=f"Bài {i}", featured=i < 3) for i in range(many)]
    target = articles[0]
    for i in range(many // 2):
        Attachment.objects.create(article=target, title_vi=f"Tệp {i}", file=f"attachments/t{i}.pdf")
    client.get("/vi/")  # warm the settings and navigation caches, as any running site has them
    for url in ("/vi/", f"/vi/category/{category.slug}/", target.get_absolute_url(), "/vi/search/?q=bai",
                "/vi/archive/", f"/vi/archive/{timezone.localdate():%Y/%m}/", "/vi/rss/", "/en/"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200, url


def test_a_section_lists_its_subsections_articles_too(client, category):
    child = Category.objects.create(name_vi="Tin cơ sở", name_en="Local news", slug="tin-co-so", parent=category)
    make_article(child, title="Tin từ chuyên mục con")
    assert "Tin từ chuyên mục con" in client.get(f"/vi/category/{category.slug}/").text
    assert "Tin từ chuyên mục con" in client.get(f"/vi/category/{child.slug}/").text
