"""Operational views: the health check."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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


@never_cache
@require_GET
def healthz(request):
    """Public and cheap: says whether the database and the search engine answer."""
    checks = {"database": _database_health(), "search": search_health()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
