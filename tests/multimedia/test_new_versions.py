"""A new version of a published photo story or video article carries its photos and video, and
its approval puts the edited ones on the published article."""

from articles import services
from articles.models import Article
from articles.new_versions import article_new_version
from multimedia.models import GalleryPhoto, Video
from tests.conftest import make_article


def test_a_new_version_carries_the_story_and_the_video_and_its_approval_replaces_them(
        category, editor, approver, make_image):
    published = make_article(category, title="Phóng sự ảnh", created_by=editor)
    first, second, poster = make_image(1), make_image(2), make_image(3)
    GalleryPhoto.objects.create(article=published, image=first, caption_vi="Ảnh một", position=0)
    Video.objects.create(article=published, youtube_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                         poster=poster, title_vi="Phim cũ")
    copy = article_new_version(article=published, by=editor)
    assert list(copy.gallery_photos.values_list("caption_vi", flat=True)) == ["Ảnh một"]
    assert copy.video.title_vi == "Phim cũ"
    GalleryPhoto.objects.create(article=copy, image=second, caption_vi="Ảnh hai", position=1)
    Video.objects.filter(article=copy).update(title_vi="Phim mới")
    assert published.gallery_photos.count() == 1  # readers keep the published story meanwhile
    services.article_submit(article=copy, by=editor)
    services.article_approve(article=copy, by=approver)
    published = Article.objects.get(pk=published.pk)
    assert list(published.gallery_photos.values_list("caption_vi", flat=True)) == ["Ảnh một", "Ảnh hai"]
    assert published.video.title_vi == "Phim mới"
    assert GalleryPhoto.objects.count() == 2 and Video.objects.count() == 1
