"""The state of search, as /healthz reports it."""

from elasticsearch import ElasticsearchException

from search.engine import elastic_index, engine_name
from search.models import PendingIndexUpdate, SearchEntry


def search_health():
    """Engine name, whether it answers, how many documents it holds, what is queued."""
    state = {"backend": engine_name(), "ok": False}
    index = elastic_index()
    try:
        state["documents"] = index.count() if index is not None else SearchEntry.objects.count()
    except ElasticsearchException as error:
        state["error"] = error.__class__.__name__
    else:
        state["ok"] = True
    if index is not None:
        state["pending_updates"] = PendingIndexUpdate.objects.count()
    return state
