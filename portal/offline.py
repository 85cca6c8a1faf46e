"""Offline reading of opened pages: the web app manifest, the service worker and the page
it shows offline in place of a page never opened.

The worker's script lives in static/portal/sw.js and is served from /sw.js, as a worker
only controls pages under its own address (and /static/ is not the whole site).
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

WORKER = "portal/sw.js"


@require_safe
@cache_control(no_cache=True)  # browsers look for a new worker on each visit
def service_worker(request):
    with open(finders.find(WORKER), "rb") as source:  # the app's copy: no STATIC_ROOT needed
        script = source.read()
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def manifest(request):
    """The portal as an installable app that opens in the reader's language."""
    language = translation.get_language()
    name = _("Protection & Training Portal")
    return JsonResponse(
        {
            "name": name,
            "short_name": _("Protection portal"),
            "lang": language,
            "dir": "rtl" if translation.get_language_bidi() else "ltr",
            "start_url": f"/{language}/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b2f4e",
            "icons": [{"src": static("portal/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def fallback(request):
    """What the worker shows, with no connection, for a page this device never opened.
    It keeps one per language, the first time a page in that language is opened."""
    return render(request, "portal/offline.html")
