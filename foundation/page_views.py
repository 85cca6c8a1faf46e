"""Page views counted in the cache, off the request path, and handed over in batches.

A view is one atomic increment of a counter per page and day in the cache (no database
write, no row every reader updates at once). `taking()` moves what was counted out of
the cache, for the app that stores counts (guidance: `flush_page_views`) to write in one
transaction; a periodic task calls it. Only one taker runs at a time (a lock in the cache),
and each counter is decremented by exactly what was read, so views counted meanwhile stay
for the next batch and running it twice in a row adds nothing the second time.

On a cache private to one process (local memory, the embedded default) no other process
can see the counters, so the process hands them over itself, at most once a minute, on a
page view (`register_flusher`).
"""

import datetime
import logging
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

logger = logging.getLogger(__name__)

PREFIX = "pageviews"
LOCK_KEY = f"{PREFIX}:flush-lock"
DAYS_KEPT = 3  # counters a flush looks at: today and the two days before
COUNTER_TIMEOUT = DAYS_KEPT * 24 * 3600
CHUNK = 500
LOCK_TIMEOUT = 300  # seconds: a flush that died frees the lock by then

_flushers = []
_last_local_flush = time.monotonic()


def views_cache():
    return caches[settings.PAGE_VIEWS_CACHE_ALIAS]


def _key(page_id, day):
    return f"{PREFIX}:{day.isoformat()}:{page_id}"


def register_flusher(function):
    """`function()` writes counted views to the database; called in-process when the
    cache is private to this process."""
    if function not in _flushers:
        _flushers.append(function)


def count(page_id):
    """One more reading of page `page_id` today."""
    cache = views_cache()
    key = _key(page_id, timezone.localdate())
    try:
        cache.incr(key)
    except ValueError:  # the first view today: create the counter (or join the one just made)
        if not cache.add(key, 1, COUNTER_TIMEOUT):
            cache.incr(key)
    if isinstance(cache, LocMemCache):
        _flush_locally()


def _flush_locally():
    global _last_local_flush
    now = time.monotonic()
    if now - _last_local_flush < settings.PAGE_VIEWS_FLUSH_INTERVAL:
        return
    _last_local_flush = now
    for flusher in _flushers:
        try:
            flusher()
        except Exception:  # a reader's page never fails for a counter
            logger.exception("Flushing page views failed; the counts stay in the cache")


@contextmanager
def taking(page_ids):
    """Yield {(page_id, day): views} counted for `page_ids` and not taken yet, taken out of
    the cache ({} while another process is taking them). The lock is held until the block
    ends, so batches are stored one after another; if the block fails, the counts go back
    into their counters for the next batch."""
    cache = views_cache()
    token = uuid.uuid4().hex
    if not cache.add(LOCK_KEY, token, timeout=LOCK_TIMEOUT):
        yield {}
        return
    taken = {}
    try:
        today = timezone.localdate()
        days = [today - datetime.timedelta(days=back) for back in range(DAYS_KEPT)]
        page_ids = list(page_ids)
        for start in range(0, len(page_ids), CHUNK):
            keys = {
                _key(page_id, day): (page_id, day)
                for page_id in page_ids[start : start + CHUNK]
                for day in days
            }
            for key, value in cache.get_many(list(keys)).items():
                if value and value > 0:
                    cache.decr(key, value)  # exactly what was read: later views stay
                    taken[keys[key]] = value
        yield taken
    except BaseException:
        _give_back(cache, taken)
        raise
    finally:
        if cache.get(LOCK_KEY) == token:
            cache.delete(LOCK_KEY)


def _give_back(cache, counts):
    for (page_id, day), views in counts.items():
        key = _key(page_id, day)
        try:
            cache.incr(key, views)
        except ValueError:
            if not cache.add(key, views, COUNTER_TIMEOUT):
                cache.incr(key, views)
