from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from courses.urls import credential_urls
from foundation import throttles
from portal import documents, offline, sitemaps, views
from portal.api import api_router

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    # Wagtail's admin sign-in and password reset with the learners' limits, same addresses.
    path("admin/login/", throttles.AdminLoginView.as_view()),
    path("admin/password_reset/", throttles.AdminPasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(documents)),
    *credential_urls,
]

if not settings.PRODUCTION:
    # The embedded default serves image renditions itself (production: the web server, see
    # README). Nothing else under MEDIA_ROOT is public: documents only through /documents/,
    # which checks their collection's privacy, and original images never.
    urlpatterns += [re_path(r"^media/images/(?P<path>.+)$", views.image_rendition)]

# Every reader-facing page lives under its language prefix: /en/, /fr/, ... /zh-hans/.
urlpatterns += i18n_patterns(
    path("", include("guidance.urls")),
    path("", include("courses.urls")),
    path("", include("search.urls")),
    path("", include("alerts.urls")),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.fallback, name="offline_fallback"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler500 = "portal.errors.server_error"
