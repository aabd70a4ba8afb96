from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from . import sitemaps, views

public = [
    path("about/", views.AboutView.as_view(), name="about"),
]

handler403 = "portal.views.permission_denied"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Each app's sitemaps (its `sitemaps` module); the news sitemap holds the last two days.
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.collected()}, name="sitemap"),
    path("news-sitemap.xml", sitemap, {"sitemaps": sitemaps.collected("news_sitemaps"),
                                       "template_name": "news_sitemap.xml"}, name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon),
    path("captcha/", include("comments.captcha_urls")),  # the new-image answer, rate-limited
    path("captcha/", include("captcha.urls")),
    # The beacon and other endpoints of the statistics work carry no language.
    path("stats/", include("stats.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include((public, "portal"))),
    path("", include("articles.urls")),
    path("", include("comments.urls")),
    path("", include("questions.urls")),
    path("", include("documents.urls")),
    path("", include("multimedia.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Development only; nginx serves media in production.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
