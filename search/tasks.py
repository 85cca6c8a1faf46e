"""Search's work for the task queue: sending queued updates to Elasticsearch, and
forgetting old searches.

Updates are queued in the database (PendingIndexUpdate) in the transaction that changes
the page, so these tasks can run any number of times: each sends what is queued now and
forgets only what Elasticsearch acknowledged.
"""

import datetime

from celery import shared_task

from django.conf import settings
from django.utils import timezone

from search import engine
from search.connection import UNREACHABLE
from search.models import PendingIndexUpdate, SearchQuery


@shared_task(
    autoretry_for=UNREACHABLE,  # timeouts included; other errors wait for
    # the next regular look (send_queued_search_updates) rather than retrying in a loop
    retry_backoff=1,  # 1, 2, 4, 8 ... seconds
    retry_backoff_max=300,
    retry_jitter=False,
    max_retries=20,
)
def send_search_updates():
    """Send every queued update; while Elasticsearch does not answer, try again later."""
    return engine.flush_pending(force=True, raise_errors=True)


@shared_task
def send_queued_search_updates():
    """The worker's regular look (every SEARCH_DRAIN_SECONDS): once Elasticsearch answers
    again, what was queued during the outage goes within seconds, with no reader's search
    needed. A failure waits for the next look rather than retrying on top of it."""
    if not PendingIndexUpdate.objects.exists():
        return 0
    return engine.flush_pending(force=True)


@shared_task
def delete_old_searches():
    """The search log keeps SEARCH_LOG_RETENTION_DAYS days; older searches (and the clicks
    on their results) are deleted."""
    oldest_kept = timezone.localdate() - datetime.timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    deleted, _by_model = SearchQuery.objects.filter(searched_on__lt=oldest_kept).delete()
    return deleted
