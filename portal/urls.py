from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import sitemaps, views
from portal.api import api_router

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if not settings.PRODUCTION:
    # The embedded default serves uploads itself; production puts them behind the web server.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Every reader-facing page lives under its language prefix: /en/, /fr/, ... /zh-hans/.
urlpatterns += i18n_patterns(
    path("", include("guidance.urls")),
    path("", include("courses.urls")),
    path("", include("search.urls")),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler500 = "portal.errors.server_error"
