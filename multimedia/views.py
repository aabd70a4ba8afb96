from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from articles.models import Article

from .models import Video


# Only this page, opened by the reader's click on the article's video, may frame YouTube
# (its cookie-free domain): the article page itself sends nothing to a third party.
@method_decorator(csp_update({"frame-src": ["https://www.youtube-nocookie.com"]}), name="dispatch")
class VideoView(DetailView):
    template_name = "multimedia/video_detail.html"
    context_object_name = "video"

    def get_queryset(self):
        return (Video.objects.exclude(youtube_url="").filter(article__in=Article.objects.published())
                .select_related("article", "poster"))
