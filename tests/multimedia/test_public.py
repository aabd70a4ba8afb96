import re

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.test.utils import CaptureQueriesContext
from django.db import connection

from articles.models import Article
from multimedia.models import GalleryPhoto, Video
from multimedia.services import figure_html
from portal.models import SiteSettings
from tests.conftest import make_article

WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm" + bytes(64)


@pytest.fixture(autouse=True)
def running_site(db):
    SiteSettings.load()


def page(client, article, language="vi"):
    response = client.get(f"/{language}/articles/{article.slug}/")
    assert response.status_code == 200
    return response


def test_a_body_figure_is_a_responsive_picture_with_its_caption(client, category, library_image):
    article = make_article(category, content_vi="<p>Mở đầu.</p>" + figure_html(library_image) + "<p>Tiếp.</p>")
    html = page(client, article).text
    figure = re.search(r"<figure><picture>.*?</figure>", html, re.S).group(0)
    assert '<source type="image/webp" srcset="' in figure and " 480w, " in figure and " 1200w" in figure
    assert 'width="1200" height="800"' in figure and 'loading="lazy"' in figure
    assert 'alt="Ảnh số 0"' in figure and "<figcaption>Chú thích 0</figcaption>" in figure
    assert library_image.w800.url in figure


def test_an_image_gone_from_the_library_is_left_out_not_broken(client, category):
    article = make_article(category, content_vi='<figure><img src="/media/multimedia/2026/12/mat-roi.jpg" alt="Mất">'
                                               "<figcaption>Chú thích</figcaption></figure>")
    assert "mat-roi.jpg" not in page(client, article).text


def story(category, make_image, count):
    article = make_article(category, title=f"Phóng sự {count}",
                           content_vi="".join(figure_html(make_image(100 + n)) for n in range(count)))
    for n in range(count):
        GalleryPhoto.objects.create(article=article, image=make_image(n), position=count - n,
                                    caption_vi=f"Ảnh thứ {count - n}" if n % 2 else "")
    return article


def queries(client, article):
    """The queries of the page with nothing cached but the site's settings and navigation."""
    for cache in caches.all():
        cache.clear()
    client.get("/vi/about/")
    with CaptureQueriesContext(connection) as captured:
        page(client, article)
    return len(captured)


def test_the_page_runs_as_many_queries_with_one_photo_as_with_six(client, category, make_image):
    one, six = story(category, make_image, 1), story(category, make_image, 6)
    assert queries(client, one) == queries(client, six)


def test_a_photo_story_shows_its_photos_in_order_with_their_captions(client, category, make_image):
    article = story(category, make_image, 3)
    html = page(client, article).text
    gallery = re.search(r'<section class="photo-story".*?</section>', html, re.S).group(0)
    assert gallery.count("<figure>") == 3
    assert [int(n) for n in re.findall(r"Ảnh thứ (\d)", gallery)] == [2]
    assert gallery.index("Chú thích 2") < gallery.index("Ảnh thứ 2") < gallery.index("Chú thích 0")
    assert 'loading="eager"' in gallery and gallery.count('loading="lazy"') == 2


def test_a_photo_story_speaks_english_on_the_english_page(client, category, make_image):
    article = story(category, make_image, 2)
    html = page(client, article, "en").text
    assert "Caption 0" in html and "Enlarge photo 1 of 2" in html


def video_for(article, poster, **fields):
    video = Video(article=article, poster=poster, title_vi="Video hội nghị", title_en="Conference video", **fields)
    return video


def test_an_uploaded_video_plays_in_the_browser_with_its_poster_and_captions(client, article, library_image):
    video = video_for(article, library_image)
    video.file = ContentFile(WEBM, name="hoi-nghi.mp4")  # named .mp4, but it is WebM
    video.captions.save("phu-de.vtt", ContentFile("WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n".encode()), save=False)
    video.save()
    assert video.file.name.endswith(".webm")
    html = page(client, Article.objects.get(pk=article.pk)).text
    assert '<video controls' in html and f'poster="{library_image.w1200.url}"' in html
    assert f'<source src="{video.file.url}" type="video/webm">' in html
    assert f'<track kind="captions" src="{video.captions.url}"' in html


def test_a_youtube_video_sends_nothing_to_youtube_before_the_click(client, article, library_image):
    video_for(article, library_image, youtube_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ").save()
    response = page(client, Article.objects.get(pk=article.pk))
    assert not re.search(r"youtube\.com|youtube-nocookie|youtu\.be|ytimg", response.text)
    assert "<iframe" not in response.text
    assert "frame-src" not in response["Content-Security-Policy"]
    watch = re.search(r'<a class="video-placeholder" href="([^"]+)"', response.text).group(1)
    played = client.get(watch)
    assert played.status_code == 200
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in played.text
    assert "frame-src https://www.youtube-nocookie.com" in played["Content-Security-Policy"]


def test_the_play_page_of_an_unpublished_article_is_not_found(client, category, library_image):
    draft = make_article(category, approval=Article.Approval.DRAFT)
    video = video_for(draft, library_image, youtube_url="https://youtu.be/dQw4w9WgXcQ")
    video.save()
    assert client.get(f"/vi/video/{video.pk}/").status_code == 404
    assert client.get("/vi/video/99999999999999999999999/").status_code == 404


def test_a_changed_caption_shows_at_once_on_cached_pages(client, category, library_image):
    article = make_article(category, content_vi=figure_html(library_image))
    GalleryPhoto.objects.create(article=article, image=library_image)
    page(client, article)
    library_image.caption_vi = "Chú thích đã sửa"
    library_image.save()
    assert "Chú thích đã sửa" in page(client, article).text
