import io

from articles.models import Article
from multimedia import demo
from multimedia.models import GalleryPhoto, Image, Video


def test_the_demo_holds_the_seed_article_a_photo_story_and_a_video(db, category, client):
    demo.load(users={}, stdout=io.StringIO())
    seed = Article.objects.get(title_vi=demo.SEED_TITLE)
    for language in ("vi", "en"):
        body = getattr(seed, f"content_{language}")
        # As the seed shows it: text, a captioned photo, text, two captioned photos, text.
        assert body.startswith("<p>") and body.count("<figure>") == 3 and body.endswith("</p>")
        assert body.index("</figure>") < body.index("<p>", body.index("</figure>")) < body.rindex("<figure>")
    assert "<figcaption>Điểm cầu trung tâm tại Hà Nội</figcaption>" in seed.content_vi
    assert "<figcaption>The central venue in Hanoi</figcaption>" in seed.content_en
    story = Article.objects.get(title_vi=demo.STORY_TITLE)
    assert GalleryPhoto.objects.filter(article=story).count() == 6
    video = Video.objects.get(article__title_vi=demo.VIDEO_TITLE)
    assert video.file.name.endswith(".webm") and video.captions and video.poster_id
    assert all(image.alt_vi and image.alt_en for image in Image.objects.all())
    page = client.get(seed.get_absolute_url())
    assert page.status_code == 200 and page.text.count("<picture>") >= 3


def test_the_demo_loads_once(db, category):
    demo.load(users={}, stdout=io.StringIO())
    demo.load(users={}, stdout=io.StringIO())
    assert Article.objects.filter(title_vi=demo.SEED_TITLE).count() == 1
    assert Image.objects.count() == 3 + 6 + 1
