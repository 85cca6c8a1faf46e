"""The state of search, as /healthz reports it."""

from django.db.models import Min
from django.utils import timezone

from search.connection import ENGINE_ERRORS
from search.engine import elastic_index, engine_name
from search.models import PendingIndexUpdate, SearchEntry


def search_health():
    """Engine name, whether it answers, how many documents it holds, what is queued.

    With Elasticsearch (or OpenSearch): the cluster's status, where red (a shard with no
    copy answering) counts as down, and how long the oldest queued update has waited.
    """
    state = {"backend": engine_name(), "ok": False}
    index = elastic_index()
    try:
        state["documents"] = index.count() if index is not None else SearchEntry.objects.count()
        if index is not None:
            cluster = index.cluster_health()
            state["cluster"] = cluster["status"]
            state["nodes"] = cluster["nodes"]
    except ENGINE_ERRORS as error:
        state["error"] = error.__class__.__name__
    else:
        state["ok"] = state.get("cluster") != "red"
    if index is not None:
        queue = PendingIndexUpdate.objects.aggregate(oldest=Min("queued_at"))
        state["pending_updates"] = PendingIndexUpdate.objects.count()
        oldest = queue["oldest"]
        state["oldest_pending_seconds"] = (
            round((timezone.now() - oldest).total_seconds()) if oldest else None
        )
    return state
