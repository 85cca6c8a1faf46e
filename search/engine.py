"""The one interface views use: search, suggest, index. Which engine answers is decided here.

With ELASTICSEARCH_URL set, Elasticsearch answers; if it cannot be reached, the database
answers instead and the results say so. Every change is written to the database entries
at once and queued for Elasticsearch, so publishing never waits on it and no update is
lost while it is down.
"""

import logging
import threading
import time

from celery import current_app
from rapidfuzz.distance import OSA

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Left, Length
from django.utils import timezone
from django.utils.html import escape

from foundation import linguistics
from foundation.page_cache import ContentMemo
from search import database, database_index
from search.connection import ENGINE_ERRORS
from search.documents import (
    document_entries,
    document_usage,
    page_entries,
    searchable_documents,
)
from search.models import PendingIndexUpdate, SearchEntry
from search.query import understand
from search.results import FACETS, WEAK_RESULTS, Hit, SearchResults
from search.vocabulary import vocabulary

logger = logging.getLogger(__name__)
_last_flush_attempt = [0.0]
FLUSH_RETRY_SECONDS = 5
FALLBACK_HITS = 5  # other-language results shown under the reader's own
SYNONYMS = "synonyms"  # queued by earlier versions, when synonyms lived in the index


def elastic_index():
    if not settings.ELASTICSEARCH_URL:
        return None
    from search.elastic import ElasticIndex

    return ElasticIndex()


def engine_name():
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


# Searching ---------------------------------------------------------------------------


def search(text, language, filters=None, sort="relevance", page=1, per_page=10, other_only=False):
    """Search what readers of `language` can read; content that exists only in another
    language comes separately (`english_hits`), found with the query translated.

    `other_only`: that other-language content alone, page by page, as the main results.
    """
    return PendingSearch(text, language, filters, sort, page, per_page, other_only).results()


class PendingSearch:
    """A search as `search()` makes it, sent to Elasticsearch when made and read by
    `results()`: what a caller does in between (the search page renders its header) is
    done while the server works. Without Elasticsearch, `results()` asks the database."""

    def __init__(self, text, language, filters, sort, page, per_page, other_only):
        self._asked = (text, language, filters, sort, per_page, other_only)
        self.text, self.language, self.sort = text, language, sort
        self.filters = {
            facet: values for facet, values in (filters or {}).items() if facet in FACETS
        }
        self.offset = max(page - 1, 0) * per_page
        self.wanted, self.other_only = per_page, other_only
        self.per_page, self.fallback = per_page, FALLBACK_HITS
        if other_only:
            # The cross-language list in full: ask for as many as the page needs, keep its part.
            self.offset, self.per_page, self.fallback = 0, 0, self.offset + per_page
        self._index, self._sent, self._error, self._results = elastic_index(), None, None, None
        asked = (self.filters, sort, self.offset, self.per_page, self.fallback)
        self.query, body = _prepared(self._index, text, language, *asked)
        if body is not None:
            try:
                self._sent = self._index.send_search(body)
            except ENGINE_ERRORS as error:
                self._error = error

    def on_page(self, page):
        """The same search, sent again for another page of results."""
        text, language, filters, sort, per_page, other_only = self._asked
        return PendingSearch(text, language, filters, sort, page, per_page, other_only)

    def results(self):
        if self._results is None:
            self._results = self._finish()
        return self._results

    def discard(self):
        """The results will not be read (the request ended before its view ran)."""
        if self._results is None and self._sent is not None:
            self._sent.discard()

    def _finish(self):
        query, index = self.query, self._index
        asked = (query, self.filters, self.sort, self.offset, self.per_page, self.fallback)
        if index is not None:
            try:
                if self._error is not None:
                    raise self._error
                results = _elastic_results(index, index.answers(self._sent), query)
            except ENGINE_ERRORS as error:
                logger.warning("Elasticsearch unavailable, answering from the database: %s", error)
                results = database.search(*asked)
                results.degraded = True
            drain_in_background(index)
        else:
            results = database.search(*asked)
        results.query = self.text
        results.translated = query.translated
        results.other_language = query.other_language
        results.editions = query.editions
        if self.other_only:
            start = self.fallback - self.wanted
            results.total, results.hits = results.english_total, results.english_hits[start:]
            results.english_total, results.english_hits = 0, []
            results.facets = {}
        results.hits = _describe(results.hits, self.language)
        results.english_hits = _describe(results.english_hits, query.other_language)
        return results


# Searches as read and written for Elasticsearch (6-12 KB), kept while the vocabulary and
# content they were read by are current: reading one and writing its msearch took 0.5 ms.
_prepared_searches = ContentMemo(limit=1_000, lagging=True)


def _prepared(index, text, language, filters, sort, offset, limit, fallback):
    """The query understood and, with Elasticsearch, its msearch's body."""
    vocab = vocabulary()
    chosen = tuple(sorted((facet, tuple(values)) for facet, values in filters.items()))
    alias = index.alias if index is not None else None
    key = (text, language, id(vocab), alias, chosen, sort, offset, limit, fallback)

    def prepare(_missing):
        query = understand(text, language)
        body = index and index.msearch_body(query, filters, sort, offset, limit, fallback)
        # The vocabulary is kept with them: its id names no other while they are kept.
        return {key: (vocab, query, body)}

    _vocab, query, body = _prepared_searches.get_many([key], prepare)[key]
    return query, body


def _elastic_results(index, answers, query):
    from search.elastic_queries import facet_buckets, searchable_text

    primary, other = answers
    language = query.language
    results = SearchResults(query=query.text, language=language, engine="elasticsearch")
    results.total = primary["hits"]["total"]["value"]
    results.hits = [_es_hit(hit, language) for hit in primary["hits"]["hits"]]
    results.facets = {facet: facet_buckets(primary["aggregations"], facet) for facet in FACETS}
    top_is_partial = bool(results.hits) and results.hits[0].partial
    if results.total < WEAK_RESULTS or top_is_partial:
        # Weak results. Words the index does not know: replaced by close ones it does;
        # few results for known words: close words that are more frequent. Offered only
        # when it finds more now (the suggester still knows removed pages' words).
        mode = "missing" if not results.total or top_is_partial else "popular"
        # The suggester's offsets are in the text it was sent (in Chinese, without the
        # question words), so the corrections go into that text.
        sent = searchable_text(query.text, language)
        most = linguistics.HELD_WORD_TYPOS if mode == "popular" else None  # words it holds
        suggestion = _suggestion(sent, primary.get("suggest", {}).get(mode, []), language, most)
        least = 0 if mode == "missing" else results.total
        # After partial results, only a suggestion in which every word finds something.
        found = suggestion and index.count_matching(suggestion, language, top_is_partial)
        if found and found > least:
            results.suggestion = suggestion
    if other is not None:
        other_language = query.other_language
        results.english_total = other["hits"]["total"]["value"]
        results.english_hits = [
            _es_hit(hit, other_language, english_only=True) for hit in other["hits"]["hits"]
        ]
    # Belt and braces, in one look at the database for both lists.
    readable = _readable(results.hits + results.english_hits)
    results.hits = [hit for hit in results.hits if _kept(hit, readable)]
    results.english_hits = [hit for hit in results.english_hits if _kept(hit, readable)]
    return results


def _es_hit(hit, language, english_only=False):
    from search.analysis import suffix
    from search.elastic_queries import ALL_WORDS

    source, highlight = hit["_source"], hit.get("highlight", {})
    name = suffix(language)
    title = highlight.get(f"title_{name}", [escape(source.get(f"title_{name}", ""))])[0]
    snippet = " … ".join(
        highlight.get(f"body_{name}")
        or highlight.get(f"summary_{name}")
        or [escape(source.get(f"summary_{name}", "")[:240])]
    )
    return Hit(
        object_type=source["object_type"],
        object_id=source["object_id"],
        kind=source["kind"],
        language=language,
        url=source["url"],
        title_html=title,
        snippet_html=snippet,
        date=source.get("date"),
        english_only=english_only,
        superseded=source.get("superseded", False),
        languages=source.get("languages", []),
        partial=not any(name.startswith(ALL_WORDS) for name in hit.get("matched_queries", [])),
        score=hit.get("_score") or 0.0,
    )


def _readable(hits):
    """The ids of the hits' pages that anyone may read now: live, and neither restricted nor
    under a restricted page. Answers are kept while the content's generation is current
    (a publish, unpublish, move, deletion or view restriction changes it): a search asks
    the database only about pages the process has not met since."""
    page_ids = {hit.object_id for hit in hits if hit.object_type == SearchEntry.PAGE}
    if not page_ids:
        return set()
    answers = _readable_pages.get_many(page_ids, _readable_now)
    return {pk for pk, readable in answers.items() if readable}


_readable_pages = ContentMemo()


def _readable_now(page_ids):
    """Wagtail's `live().public()` for these pages, in one query instead of two."""
    from wagtail.models import Page, PageViewRestriction

    # A restriction covers its page and every page whose path starts with its page's path.
    covering = PageViewRestriction.objects.filter(
        page__path=Left(OuterRef("path"), Length("page__path"))
    )
    readable = Page.objects.filter(pk__in=page_ids, live=True).exclude(Exists(covering))
    found = set(readable.order_by().values_list("pk", flat=True))
    return {pk: pk in found for pk in page_ids}


def _kept(hit, readable):
    return hit.object_type != SearchEntry.PAGE or hit.object_id in readable


def _describe(hits, language):
    hits = _describe_documents(hits, language)
    _describe_tools(hits, language)
    _describe_editions(hits, language)
    return hits


def _describe_tools(hits, language):
    """A tool's downloads are listed under it, not as results of their own."""
    ids = {hit.object_id for hit in hits if hit.kind == "tool"}
    if not ids:
        return
    files = _tool_files.get_many(ids, _tool_files_now)
    for hit in hits:
        if hit.kind == "tool":
            # The reader's language first, then the others.
            hit.files = sorted(files[hit.object_id], key=lambda item: item["language"] != language)


def _tool_files_now(page_ids):
    from guidance.models import ToolDownload

    files = {pk: [] for pk in page_ids}
    downloads = ToolDownload.objects.filter(page_id__in=page_ids).select_related("document")
    for download in downloads.order_by("sort_order", "pk"):
        files[download.page_id].append(
            {
                "title": download.document.title,
                "url": download.document.url,
                "file_type": download.file_type,
                "language": download.language,
            }
        )
    return files


def _describe_editions(hits, language):
    """A superseded edition says which edition replaces it."""
    keys = {(hit.object_id, language) for hit in hits if hit.superseded}
    if not keys:
        return
    current = _current_editions.get_many(keys, _current_editions_now)
    for hit in hits:
        if hit.superseded:
            hit.current_edition = current[hit.object_id, language]


def _current_editions_now(keys):
    """{(page id, language): the live edition replacing it, titled in language, or None}."""
    from django.utils import translation

    from guidance.models import StandardPage

    editions = StandardPage.objects.filter(pk__in={pk for pk, _language in keys})
    found = {}
    for page in editions.select_related("superseded_by"):
        current = page.superseded_by
        if current is None or not current.live:
            continue
        for pk, language in keys:
            if pk == page.pk:
                with translation.override(language):
                    found[pk, language] = {"title": current.title, "url": current.url}
    return {key: found.get(key) for key in keys}


def _describe_documents(hits, language):
    """Document hits: drop any no longer public; add the file type and the pages using it."""
    keys = {(hit.object_id, language) for hit in hits if hit.object_type == SearchEntry.DOCUMENT}
    if not keys:
        return hits
    described = _documents.get_many(keys, _documents_now)
    kept = []
    for hit in hits:
        if hit.object_type == SearchEntry.DOCUMENT:
            document = described[hit.object_id, language]
            if document is None:
                continue
            hit.file_type, hit.used_on = document["file_type"], document["used_on"]
        kept.append(hit)
    return kept


def _documents_now(keys):
    """{(document id, language): its file type and the pages using it, or None if it is no
    longer public}."""
    ids = {pk for pk, _language in keys}
    documents = {document.pk: document for document in searchable_documents().filter(pk__in=ids)}
    described = {key: None for key in keys}
    for language in {language for _pk, language in keys}:
        usage = document_usage(list(documents), language)
        for pk, document in documents.items():
            if (pk, language) in described:
                described[pk, language] = {
                    "file_type": document.file_extension.upper(),
                    "used_on": usage.get(pk, []),
                }
    return described


# Worked out once per content generation (see _readable).
_tool_files = ContentMemo()
_current_editions = ContentMemo()
_documents = ContentMemo()


def _suggestion(query, spelling, language, most=None):
    """The query with each misspelt word replaced by the closest, most frequent word within
    its typos (the suggester looks two letters away from any word of four or more); a
    word of the editors' synonyms and acronyms is not misspelt, though no page may use it.
    `most`: the typos a correction may be away, when fewer than the word's length allows."""
    if not spelling:
        return ""
    text, changed, known = query, False, vocabulary()
    for part in reversed(spelling):  # right to left keeps earlier offsets valid
        start, end = part["offset"], part["offset"] + part["length"]
        word = query[start:end]
        if not part["options"] or known.knows(word, language):
            continue
        close = _within_typos(word, [option["text"] for option in part["options"]], most)
        if close:
            text = text[:start] + close + text[end:]
            changed = True
    return text if changed and linguistics.fold(text) != linguistics.fold(query) else ""


def _within_typos(word, options, most=None):
    """The first of the suggester's `options` (best first) a few typos from `word`; none
    when one of them is the word itself but for accents or case ("victima", "víctima"):
    the search already reads it so, and the reader has nothing to correct."""
    if linguistics.is_cjk(word):
        return options[0]
    typed, allowed = linguistics.fold(word), linguistics.typos_allowed(word)
    if most is not None:
        allowed = min(allowed, most)
    folded = [linguistics.fold(option) for option in options]
    if typed in folded:
        return None
    for option, option_folded in zip(options, folded, strict=True):
        if OSA.distance(typed, option_folded, score_cutoff=allowed) <= allowed:
            return option
    return None


def autocomplete(prefix, language, limit=8):
    index = elastic_index()
    if index is not None:
        try:
            return index.autocomplete(prefix, language, limit)
        except ENGINE_ERRORS:
            pass
    return database.autocomplete(prefix, language, limit)


# Indexing ----------------------------------------------------------------------------


def update_page(page, queue=True, rewrite=False):
    """Bring search up to date for one page (publish, unpublish, move, restriction).

    `queue=False`: the database entries only (a rebuild loads Elasticsearch itself).
    `rewrite`: analyse every entry again, even one whose text is unchanged (a rebuild
    after the analysis changed)."""
    entries = page_entries(page) if page is not None else []
    _store(SearchEntry.PAGE, page.pk, entries, queue, rewrite)


def remove_page(page_id):
    _store(SearchEntry.PAGE, page_id, [])


def update_document(document, queue=True, rewrite=False):
    """Bring search up to date for one uploaded document (upload, edit, collection privacy)."""
    _store(SearchEntry.DOCUMENT, document.pk, document_entries(document), queue, rewrite)


def remove_document(document_id):
    _store(SearchEntry.DOCUMENT, document_id, [])


def _store(object_type, object_id, entries, queue=True, rewrite=False):
    """Make the database hold exactly `entries` for one object, touching only what changed.

    An edit usually changes one field of one language: the other languages' entries (and
    their hundreds of terms) are left as they are, so a publish writes a few rows whatever
    the size of the index.
    """
    with transaction.atomic(), database_index.rewriting(rewrite):
        stored = {
            row.language: row
            for row in SearchEntry.objects.filter(target_type=object_type, target_id=object_id)
        }
        for entry in entries:
            values = _entry_values(entry)
            row = stored.pop(entry.language, None)
            if row is None:
                SearchEntry.objects.create(
                    target_type=entry.object_type,
                    target_id=entry.object_id,
                    language=entry.language,
                    **values,
                )
            elif rewrite or any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
        if stored:  # languages the object no longer has
            SearchEntry.objects.filter(pk__in=[row.pk for row in stored.values()]).delete()
        if settings.ELASTICSEARCH_URL and queue:
            PendingIndexUpdate.objects.update_or_create(
                target_type=object_type,
                target_id=object_id,
                defaults={"queued_at": timezone.now()},
            )
            transaction.on_commit(send_soon)


def _entry_values(entry):
    """A SearchEntry's fields for `entry` (documents.Entry), beside its target and language."""
    return {
        "kind": entry.kind,
        "title": entry.title[:255],
        "summary": entry.summary,
        "headings": entry.headings,
        "body": entry.body,
        "url": entry.url,
        "date": entry.date,
        "themes": " ".join(entry.themes),
        "audiences": " ".join(entry.audiences),
        "regions": " ".join(entry.regions),
        "languages": " ".join(entry.languages),
        "superseded": entry.superseded,
    }


def send_soon():
    """Have the queued updates sent: by the worker when there is one, else now, here."""
    if current_app.conf.task_always_eager:
        flush_pending(force=True)
        return
    try:
        current_app.send_task("search.tasks.send_search_updates")
    except Exception:  # noqa: BLE001 - the broker is down: the worker's next look sends them
        logger.warning("Search updates stay queued: the task queue did not answer", exc_info=True)


_drain = {"thread": None, "checked": 0.0}


def drain_in_background(index=None):
    """Send queued updates from a thread of their own, never in a reader's time.

    Only without a task queue: its worker looks at the queue every few seconds. Here,
    looked at once every few seconds per process: once Elasticsearch answers again, the
    queue empties within seconds of the next search, and `search_sync` does it by hand.
    """
    if not current_app.conf.task_always_eager:
        return None
    now = time.monotonic()
    if now - _drain["checked"] < FLUSH_RETRY_SECONDS:
        return None
    _drain["checked"] = now
    running = _drain["thread"]
    if (running is not None and running.is_alive()) or not PendingIndexUpdate.objects.exists():
        return None
    thread = threading.Thread(target=_drain_now, args=(index,), name="search-drain", daemon=True)
    _drain["thread"] = thread
    thread.start()
    return thread


def _drain_now(index):
    try:
        flush_pending(index, force=True)
    except Exception:  # a thread of its own: log, never raise into nothing
        logger.exception("Sending queued search updates failed")
    finally:
        connection.close()


def flush_pending(index=None, force=False, limit=500, raise_errors=False):
    """Send queued changes to Elasticsearch; keep them queued if it does not answer.

    `raise_errors`: then raise Elasticsearch's error, for a task to retry.
    """
    index = index or elastic_index()
    if index is None:
        return 0
    if not force and time.monotonic() - _last_flush_attempt[0] < FLUSH_RETRY_SECONDS:
        return 0
    pending = list(PendingIndexUpdate.objects.all()[:limit])
    if not pending:
        return 0
    _last_flush_attempt[0] = time.monotonic()
    sent = 0
    for update in pending:
        entries = [
            entry_from_row(row)
            for row in SearchEntry.objects.filter(
                target_type=update.target_type, target_id=update.target_id
            )
        ]
        try:
            index.ensure()
            if update.target_type != SYNONYMS:  # synonyms now apply to queries, not the index
                index.replace_object(update.target_type, update.target_id, entries)
        except ENGINE_ERRORS as error:
            PendingIndexUpdate.objects.filter(pk=update.pk).update(
                attempts=update.attempts + 1, last_error=str(error)[:255]
            )
            logger.warning("Search update for %s queued until Elasticsearch answers", update)
            if raise_errors:
                raise
            break
        # Only forget the update if nothing newer was queued while we sent it.
        PendingIndexUpdate.objects.filter(pk=update.pk, queued_at=update.queued_at).delete()
        sent += 1
    return sent


def entry_from_row(row):
    from search.documents import Entry

    return Entry(
        object_type=row.target_type,
        object_id=row.target_id,
        language=row.language,
        kind=row.kind,
        title=row.title,
        summary=row.summary,
        headings=row.headings,
        body=row.body,
        url=row.url,
        date=row.date,
        themes=row.themes.split(),
        audiences=row.audiences.split(),
        regions=row.regions.split(),
        languages=row.languages.split(),
        superseded=row.superseded,
    )
