"""Whole pages for anonymous readers, kept in the cache until any published content changes.

A reader without a session (never signed in, no pending message) asking for a page gets the
response stored for that host, path and query, if nothing was published since it was
stored: one cache round trip, no session, no database. Everyone else, and every request that
is not a GET, goes through Django as usual and nothing of it is stored.

What may be stored is decided by the page (`before_serve_page` marks Wagtail pages, see
portal/wagtail_hooks.py) and checked on the response: 200, HTML, no cookie set, no CSRF
token used, no signed-in user, no `private`/`no-store` from the view.

Invalidation is one site-wide content generation, bumped on every publish, unpublish, move
or deletion of a page, every change to a snippet, document, image, site or view restriction.
A stored page remembers the generation it was rendered under and is served only while that
is still current. One generation rather than one key per page: a page shows other pages
(home page lists, theme listings, related pages, breadcrumbs, the navigation and footer on
every page) and snippets (themes, audiences, glossary terms), so per-page keys would need an
exact map of what each page shows, and one missing edge serves stale content for good.
Editors publish a few times an hour, readers read thousands of times, so the hit rate lost
by clearing everything on a publish is small (measured in bench/pages.py and the report).

The cache is `caches[settings.PAGE_CACHE_ALIAS]`: the generation must live in a cache every
server process shares (Redis) for a publish in one process to reach the others; on a
process-local cache (the embedded default's single process) it is exact only within it.
"""

import contextvars
import hashlib
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.text import compress_string

from wagtail.signals import page_published, page_unpublished, post_page_move

from foundation import page_views

GENERATION_KEY = "pagecache:generation"
ENTRY_PREFIX = "pagecache:page:"
# Headers a stored page does not keep: the cache sets them itself on every answer.
# (Cookies are never in a stored page: a response that sets one is not stored.)
DROPPED_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "etag",
    "expires",
    "last-modified",
    "vary",
}
# Page fields a draft's save writes; the page readers see changes only when published.
DRAFT_FIELDS = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# Invalidation ------------------------------------------------------------------------


# The generation the middleware read for the request being served: what the request
# works out (memos, the navigation) goes by it instead of asking the cache again.
_request_generation = contextvars.ContextVar("content_generation", default=None)


def content_changed(**kwargs):
    """Every stored page is out of date from now on (and again when the transaction that
    changed the content commits, so a page rendered in between is not kept either)."""
    _request_generation.set(None)
    _bump()
    transaction.on_commit(_bump)


def _bump():
    _last_read["generation"] = None
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet, or evicted: a value no stored page can carry
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def content_generation():
    """The content's generation now: it changes whenever anything a reader can see changes
    (see the module docstring), so what was worked out from the content under one
    generation holds as long as it is current."""
    known = _request_generation.get()
    if known is not None:
        return known
    cache = page_cache()
    return _current_generation(cache, cache.get(GENERATION_KEY))


# How long a process may go by the generation it read last, for answers that may lag a
# change made in another process by that much (`ContentMemo(lagging=True)`).
LAG = 1.0  # seconds
_last_read = {"generation": None, "at": 0.0}


def recent_generation():
    """The generation as this process read it within the last LAG seconds: for what may
    reach readers a second late (the words the index holds, which a reader's query is read
    by), without a cache round trip before a search is sent. A change made in this process
    counts at once; one made in another, within a second."""
    known = _request_generation.get()
    if known is not None:
        return known
    now = time.monotonic()
    if _last_read["generation"] is not None and now - _last_read["at"] < LAG:
        return _last_read["generation"]
    generation = content_generation()
    _last_read.update(generation=generation, at=now)
    return generation


class ContentMemo:
    """Answers worked out from the content (may anyone read this page? does the index know
    this word?), kept in the process while the content's generation is current: each is
    worked out once per generation instead of once per request. `lagging`: answers that
    may reach readers a second after a change made in another process (`recent_generation`).
    """

    def __init__(self, limit=100_000, lagging=False):
        self._generation, self._answers, self._limit = None, {}, limit
        self._lock = threading.Lock()
        self._current = recent_generation if lagging else content_generation

    def get_many(self, keys, work_out):
        """`{key: answer}` for every one of `keys`; `work_out(missing)` returns the answers
        not known yet, as a dict."""
        generation = self._current()
        with self._lock:
            if generation != self._generation:
                self._generation, self._answers = generation, {}
            answers = {key: self._answers[key] for key in keys if key in self._answers}
        missing = [key for key in keys if key not in answers]
        if missing:
            fresh = work_out(missing)
            answers.update(fresh)
            with self._lock:
                if generation == self._generation:  # else worked out under an older one
                    if len(self._answers) + len(fresh) > self._limit:
                        self._answers = {}
                    self._answers.update(fresh)
        return answers


def _current_generation(cache, value):
    if value is None:
        value = time.time_ns() // 1000
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def _is_content(model):
    """Models whose change can show on a public page."""
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    if issubclass(model, (Page, Site, PageViewRestriction)):
        return True
    label = model._meta.label
    return label in settings.PAGE_CACHE_CONTENT_MODELS or model in get_snippet_models()


page_published.connect(content_changed, dispatch_uid="page_cache_published")
page_unpublished.connect(content_changed, dispatch_uid="page_cache_unpublished")
post_page_move.connect(content_changed, dispatch_uid="page_cache_moved")


@receiver(post_save, dispatch_uid="page_cache_saved")
@receiver(post_delete, dispatch_uid="page_cache_deleted")
def model_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    fields = kwargs.get("update_fields")
    if (
        isinstance(instance, Page)
        and fields
        and all(name in DRAFT_FIELDS or name.startswith("draft_title_") for name in fields)
    ):
        return  # a draft saved: readers see it once it is published (page_published)
    if _is_content(sender):
        content_changed()


# Serving -----------------------------------------------------------------------------


def allow(request):
    """Let the middleware store this request's response if it turns out anonymous."""
    request.page_cache_allowed = True


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous readers (see the module docstring).

    Sits above the session, CSRF and authentication middleware, so a page from the cache
    costs none of them, and sees the cookies they set on a page being stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self._not_stored(request, self.get_response(request))
        cache = page_cache()
        key = self._key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = _current_generation(cache, found.get(GENERATION_KEY))
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            if entry["counted_page"] is not None:
                page_views.count(entry["counted_page"])
            return self._from_entry(request, entry, hit=True)

        serving = _request_generation.set(generation)
        try:
            response = self.get_response(request)
        finally:
            _request_generation.reset(serving)
        if not self._may_store(request, response):
            return self._not_stored(request, response)
        entry = self._entry(request, response, generation)
        cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        return self._from_entry(request, entry, hit=False)

    @staticmethod
    def _not_stored(request, response):
        """A page that was not stored is personal (or may be): no shared cache keeps it."""
        if getattr(request, "page_cache_allowed", False) and response.status_code == 200:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    # What may be served and stored ---------------------------------------------------

    @staticmethod
    def _may_use_cache(request):
        if not settings.PAGE_CACHE_ENABLED or request.method != "GET":
            return False
        cookies = request.COOKIES
        # A session may carry a signed-in user or a preview; pending messages are personal.
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def _key(request):
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()

    @staticmethod
    def _may_store(request, response):
        user = getattr(request, "user", None)
        cache_control = response.get("Cache-Control", "")
        return (
            getattr(request, "page_cache_allowed", False)
            and not getattr(request, "is_preview", False)
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (user is not None and user.is_authenticated)
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )

    @staticmethod
    def _entry(request, response, generation):
        content = response.content
        return {
            "generation": generation,
            "headers": {
                name: value
                for name, value in response.items()
                if name.lower() not in DROPPED_HEADERS
            },
            "content": content,
            "gzip": compress_string(content),
            "etag": f'W/"{hashlib.sha256(content).hexdigest()[:32]}"',
            "stored": int(time.time()),
            # A page that counts its readers counts those served from the cache too.
            "counted_page": getattr(request, "page_view_counted", None),
        }

    @staticmethod
    def _from_entry(request, entry, hit):
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        response = HttpResponse(entry["gzip"] if gzip else entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        if gzip:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["stored"])
        response["Vary"] = "Accept-Encoding"
        response["X-Page-Cache"] = "hit" if hit else "miss"
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["stored"], response=response
        )
