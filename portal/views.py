"""Operational views: the health check, the icon browsers ask for, image renditions in dev."""

from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from search.engine import engine_name
from search.health import search_health


def _database_health():
    state = {"vendor": connection.vendor, "ok": False}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        state["error"] = error.__class__.__name__
    else:
        state["ok"] = True
    return state


def _search_health():
    # Search's state reads the database too (its queue): with the database down, still
    # answer JSON, saying why.
    try:
        return search_health()
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return {"backend": engine_name(), "ok": False, "error": error.__class__.__name__}


@never_cache
@require_GET
def healthz(request):
    """Public and cheap: says whether the database and the search engine answer."""
    checks = {"database": _database_health(), "search": _search_health()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


FAVICON = Path(__file__).resolve().parent / "static" / "portal" / "favicon.ico"


@cache_control(public=True, max_age=7 * 24 * 3600)
@require_GET
def favicon(request):
    """The portal's icon where browsers and bookmarks look for it without asking the page."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/vnd.microsoft.icon")


def image_rendition(request, path):
    """An image rendition from MEDIA_ROOT/images/ on the embedded default (never in production).

    Only that folder: `..` cannot leave it, so documents and original images stay private.
    """
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "images")
