"""The state of the search engine, as /healthz reports it."""

from django.conf import settings

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry


def search_health():
    """Return backend name, whether it answers, and how many documents it holds."""
    backend = get_search_backend()
    state = {"backend": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"], "ok": False}
    try:
        state["documents"] = _document_count(backend)
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        state["error"] = error.__class__.__name__
    else:
        state["ok"] = True
    return state


def _document_count(backend):
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        response = backend.es.count(index=f"{backend.index_prefix}*")
        return response["count"]
    return IndexEntry.objects.count()
