"""Search analytics: what readers search for, what they find, and which links they follow.

Nothing about the reader is kept: no user, no address, no time of day. A search is its
normalised words, language, result counts, engine and date; a click is the search, the
section and position of the link, and where it led. Recording never stands in the way
of a search: a failure is logged and the reader gets their results all the same.

Result links go through `click`, which records the click and redirects, but only to a
URL that search itself gives out (an indexed page or document, or a recommended page):
it is never an open redirect, and the links work without JavaScript.

On PostgreSQL a search is written once its page has been sent, by a thread of the
process's own (`SearchLogWriter`), so neither the reader nor the next request the worker
serves waits for the database: its id, which the page's links carry, is taken beforehand
from a block of ids the process reserves from the table's sequence, one database round trip
per RESERVED_IDS searches. Elsewhere (SQLite, the embedded default) it is written at once.
"""

import atexit
import logging
import os
import queue
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.signals import request_finished
from django.db import connection, transaction
from django.db.models import Avg, Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Site

from search import editorial
from search.models import SearchClick, SearchEntry, SearchQuery, normalise_query

logger = logging.getLogger(__name__)
MAX_POSITION = 10000
RESERVED_IDS = 50
# How long the search log thread gathers searches before it writes them, as one INSERT: under
# load a few a second rather than one per search, each of which took a worker's CPU and the
# database's from the searches being answered (bench/search_ab.py). Short enough that the
# search is written before its reader can click a result (a click on a search not yet
# written is not counted).
GATHER_SECONDS = 0.25
# False: searches are written in the thread that answered (tests, inside their transaction).
BACKGROUND = True


def _positive_int(raw, ceiling=2**31 - 1):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 < value <= ceiling else None


# Recording -----------------------------------------------------------------------------


def log_search(results, continued=None):
    """Record one search and return its id; None if the query is empty or recording failed.

    `continued` is the id the search page carried from an earlier page of the same
    search: going to page 2 is not a new search.
    """
    query = normalise_query(results.query)
    if not query:
        return None
    fields = {
        "query": query,
        "language": results.language,
        "results": results.total,
        "english_results": results.english_total,
        "engine": results.engine,
        "searched_on": timezone.localdate(),
    }
    # Each statement in a block of its own: a failure must not spoil the request's queries.
    try:
        if continued is not None:
            with transaction.atomic():
                earlier = SearchQuery.objects.filter(
                    pk=continued, query=query, language=results.language
                ).values_list("pk", flat=True)
                if earlier:
                    return earlier[0]
        search_id = _reserved_id()
        if search_id is None:
            with transaction.atomic():
                return SearchQuery.objects.create(**fields).pk
        if not hasattr(_after_response, "searches"):
            _after_response.searches = []
        _after_response.searches.append({"pk": search_id, **fields})
        return search_id
    except Exception:  # whatever goes wrong, the reader still gets their results
        logger.exception("Search not recorded in the analytics")
        return None


_reserved = {"ids": []}
_reserving = threading.Lock()
_after_response = threading.local()  # searches this thread writes once its page is sent


def _reserved_id():
    """The next id reserved for a search (PostgreSQL), or None where ids are not reserved."""
    if connection.vendor != "postgresql":
        return None
    with _reserving:
        if not _reserved["ids"]:
            table = SearchQuery._meta.db_table
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, RESERVED_IDS],
                )
                _reserved["ids"] = sorted((row[0] for row in cursor.fetchall()), reverse=True)
        return _reserved["ids"].pop()


def write_recorded_searches(**kwargs):
    """Have the searches of the request just answered written (its page is already sent)."""
    searches = getattr(_after_response, "searches", None)
    if not searches:
        return
    _after_response.searches = []
    if BACKGROUND:
        search_log_writer.put(searches)
    else:
        _write(searches)


def _write(searches, log=True):
    """Write searches recorded with reserved ids; a failure is logged, never raised."""
    try:
        if len(searches) == 1:
            # No transaction is open: the row is committed by itself, one round trip to the
            # database (bulk_create adds BEGIN and COMMIT).
            SearchQuery.objects.create(**searches[0])
        else:
            SearchQuery.objects.bulk_create(SearchQuery(**fields) for fields in searches)
    except Exception:  # the reader has their page; the searches go unrecorded
        if log:
            logger.exception("%s searches not recorded in the analytics", len(searches))
        return False
    return True


class SearchLogWriter:
    """Writes answered searches from a thread of its own, in the order they came: what
    arrives within GATHER_SECONDS of a search, or while a write runs, goes into one INSERT.

    A forked process (a gunicorn worker) starts its own thread on its first search; at the
    process's exit what is still queued is written first (`stop`, run by atexit). A write
    that fails is tried once more on a new connection (the database restarted), then
    logged and dropped: the analytics never hold up a reader.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._pid, self._queue = None, None

    def put(self, searches):
        with self._lock:
            if self._pid != os.getpid():
                self._pid, self._queue = os.getpid(), queue.SimpleQueue()
                threading.Thread(
                    target=self._run, args=(self._queue,), name="search-log", daemon=True
                ).start()
            self._queue.put(list(searches))

    def wait(self, timeout=10):
        """Block until what was queued before this call is written (or `timeout` passes)."""
        with self._lock:
            pending = self._queue if self._pid == os.getpid() else None
        if pending is None:
            return True
        done = threading.Event()
        pending.put(done)
        return done.wait(timeout)

    def stop(self, timeout=10):
        """Write what is queued, then end the thread."""
        self.wait(timeout)
        with self._lock:
            if self._pid == os.getpid():
                self._queue.put(None)
            self._pid = None

    @staticmethod
    def _run(pending):
        while True:
            item = pending.get()
            if isinstance(item, list):
                time.sleep(GATHER_SECONDS)  # what comes meanwhile is written with it
            batch, markers = [], []
            while True:  # everything queued by now
                if item is None:
                    break
                if isinstance(item, threading.Event):
                    markers.append(item)
                else:
                    batch.extend(item)
                try:
                    item = pending.get_nowait()
                except queue.Empty:
                    break
            if batch and not _write(batch, log=False):
                connection.close()
                _write(batch)
            for marker in markers:
                marker.set()
            if item is None:
                connection.close()
                return


search_log_writer = SearchLogWriter()
atexit.register(search_log_writer.stop)

UID = "search-analytics-write"
request_finished.connect(write_recorded_searches, dispatch_uid=UID)


def track(request, results, recommended, first_number):
    """Record the search and send its result links through the click counter.

    Returns the search's id (for the pagination links), or None if it was not recorded;
    then the links lead straight to the results.
    """
    search_id = log_search(results, continued=_positive_int(request.GET.get("sq")))
    if search_id is None:
        return None
    sections = (
        (SearchClick.PICK, recommended, 1),
        (SearchClick.RESULT, results.hits, first_number),
        (SearchClick.ENGLISH, results.english_hits, 1),
    )
    counter = reverse("search:click")
    for section, items, first in sections:
        # Each result's link to the click counter; what a section's links share is encoded once.
        common = f"{counter}?{urlencode({'sq': search_id, 'sec': section})}"
        for position, item in enumerate(items, start=first):
            item.click_url = f"{common}&{urlencode({'pos': position, 'url': item.url})}"
    return search_id


def is_result_url(url, request):
    """Whether `url` is one search gives out: an indexed page or document, or a pick."""
    if not url or len(url) > 500 or any(ord(character) < 32 for character in url):
        return False
    hosts = {request.get_host(), *Site.objects.values_list("hostname", flat=True)}
    if not url_has_allowed_host_and_scheme(url, hosts, require_https=request.is_secure()):
        return False
    if SearchEntry.objects.filter(url=url).exists():
        return True
    return url in editorial.recommended_urls(translation.get_language(), request)


def record_click(params, url):
    search_id = _positive_int(params.get("sq"))
    if search_id is None:
        return
    section = params.get("sec")
    if section not in dict(SearchClick.SECTIONS):
        section = SearchClick.RESULT
    try:
        with transaction.atomic():
            if SearchQuery.objects.filter(pk=search_id).exists():
                SearchClick.objects.create(
                    search_id=search_id,
                    section=section,
                    position=_positive_int(params.get("pos"), MAX_POSITION) or 0,
                    url=url,
                )
    except Exception:  # the reader still goes where they clicked
        logger.exception("Search click not recorded in the analytics")


@never_cache
@require_GET
def click(request):
    """Count a click on a search result, then go to it (only ever to one of our results)."""
    url = request.GET.get("url", "")
    if not is_result_url(url, request):
        return HttpResponseBadRequest(
            gettext("This link does not lead to a search result of this portal."),
            content_type="text/plain; charset=utf-8",
        )
    record_click(request.GET, url)
    return HttpResponseRedirect(url)


# Reports -------------------------------------------------------------------------------


def _language_names():
    return {code: str(name) for code, name in settings.LANGUAGES}


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _with_clicked(searches):
    return searches.annotate(clicked=Exists(SearchClick.objects.filter(search=OuterRef("pk"))))


def top_queries(searches):
    """The most frequent queries, with how much they found and how often a link was followed."""
    names = _language_names()
    rows = (
        _with_clicked(searches)
        .values("query", "language")
        .annotate(
            searches=Count("pk"),
            average_results=Avg("results"),
            clicked_searches=Count("pk", filter=Q(clicked=True)),
        )
        .order_by("-searches", "query", "language")
    )
    return [
        {
            **row,
            "language_name": names.get(row["language"], row["language"]),
            "average_results": round(float(row["average_results"] or 0), 1),
            "click_through": _rate(row["clicked_searches"], row["searches"]),
        }
        for row in rows
    ]


def queries_without_results(searches):
    """Queries that found nothing in the reader's language: guidance that may be missing."""
    names = _language_names()
    rows = (
        searches.filter(results=0)
        .values("query", "language")
        .annotate(
            searches=Count("pk"),
            english_results=Max("english_results"),
            last_searched=Max("searched_on"),
        )
        .order_by("-searches", "-last_searched", "query")
    )
    return [{**row, "language_name": names.get(row["language"], row["language"])} for row in rows]


INTERVALS = {"month": TruncMonth, "week": TruncWeek}


def click_through(searches, interval=None):
    """Per language (and per month or week): searches, how many found nothing, and the
    share of searches after which the reader followed a link."""
    names = _language_names()
    order = [code for code, _name in settings.LANGUAGES]
    searches = _with_clicked(searches)
    keys = ["language"]
    if interval in INTERVALS:
        searches = searches.annotate(period=INTERVALS[interval]("searched_on"))
        keys.insert(0, "period")
    rows = searches.values(*keys).annotate(
        searches=Count("pk"),
        without_results=Count("pk", filter=Q(results=0)),
        clicked_searches=Count("pk", filter=Q(clicked=True)),
    )
    rows = [
        {
            "period": row.get("period"),
            "language": row["language"],
            "language_name": names.get(row["language"], row["language"]),
            "searches": row["searches"],
            "without_results": row["without_results"],
            "clicked_searches": row["clicked_searches"],
            "click_through": _rate(row["clicked_searches"], row["searches"]),
        }
        for row in rows
    ]
    position = {code: index for index, code in enumerate(order)}
    rows.sort(key=lambda row: position.get(row["language"], len(order)))
    if interval in INTERVALS:
        rows.sort(key=lambda row: row["period"], reverse=True)  # stable: languages stay ordered
    return rows


def totals(rows):
    """The sums of click_through rows, for the report's last line."""
    searches = sum(row["searches"] for row in rows)
    clicked = sum(row["clicked_searches"] for row in rows)
    return {
        "searches": searches,
        "without_results": sum(row["without_results"] for row in rows),
        "clicked_searches": clicked,
        "click_through": _rate(clicked, searches),
    }
