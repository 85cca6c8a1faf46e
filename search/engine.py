"""The one interface views use: search, suggest, index. Which engine answers is decided here.

With ELASTICSEARCH_URL set, Elasticsearch answers; if it cannot be reached, the database
answers instead and the results say so. Every change is written to the database entries
at once and queued for Elasticsearch, so publishing never waits on it and no update is
lost while it is down.
"""

import logging
import time

from elasticsearch import ElasticsearchException

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from search import database
from search.documents import (
    document_entries,
    document_usage,
    page_entries,
    searchable_documents,
)
from search.models import PendingIndexUpdate, SearchEntry
from search.results import FACETS, Hit, Query, SearchResults

logger = logging.getLogger(__name__)
_last_flush_attempt = [0.0]
FLUSH_RETRY_SECONDS = 5
# A reader's search sends this many queued updates at most (about 75 ms each); the rest
# follow with later searches or `search_sync`, so no search waits long after an outage.
FLUSH_WHILE_SEARCHING = 25
SYNONYMS = "synonyms"  # the target_type of a queued update of the editors' synonyms


def elastic_index():
    if not settings.ELASTICSEARCH_URL:
        return None
    from search.elastic import ElasticIndex

    return ElasticIndex()


def engine_name():
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


# Searching ---------------------------------------------------------------------------


def search(query, language, filters=None, sort="relevance", page=1, per_page=10):
    filters = {facet: values for facet, values in (filters or {}).items() if facet in FACETS}
    offset = max(page - 1, 0) * per_page
    index = elastic_index()
    if index is not None:
        flush_pending(index, limit=FLUSH_WHILE_SEARCHING)
        try:
            results = _elastic_search(index, query, language, filters, sort, offset, per_page)
        except ElasticsearchException as error:
            logger.warning("Elasticsearch unavailable, answering from the database: %s", error)
            results = database.search(
                Query(text=query, language=language), filters, sort, offset, per_page
            )
            results.degraded = True
    else:
        results = database.search(
            Query(text=query, language=language), filters, sort, offset, per_page
        )
    results.hits = _describe_documents(results.hits, language)
    results.english_hits = _describe_documents(results.english_hits, language)
    return results


def _elastic_search(index, query, language, filters, sort, offset, limit):
    primary, english = index.search(query, language, filters, sort, offset, limit)
    results = SearchResults(query=query, language=language, engine="elasticsearch")
    results.total = primary["hits"]["total"]["value"]
    results.hits = _visible([_es_hit(hit, language) for hit in primary["hits"]["hits"]])
    results.facets = {
        facet: {
            bucket["key"]: bucket["doc_count"]
            for bucket in primary["aggregations"][facet]["values"]["buckets"]
        }
        for facet in FACETS
    }
    if not results.total:
        suggestion = _suggestion(query, primary.get("suggest", {}).get("spelling", []))
        # The term suggester still knows the words of pages removed from the index (until
        # Lucene merges their segments away): offer only a query that finds something now.
        if suggestion and index.count_matching(suggestion, language):
            results.suggestion = suggestion
    if english is not None:
        english_language = settings.LANGUAGE_CODE
        results.english_total = english["hits"]["total"]["value"]
        results.english_hits = _visible(
            [_es_hit(hit, english_language, english_only=True) for hit in english["hits"]["hits"]]
        )
    return results


def _es_hit(hit, language, english_only=False):
    from search.elastic import suffix

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
    )


def _visible(hits):
    """Belt and braces: drop any hit whose object is no longer publicly readable."""
    from wagtail.models import Page

    page_ids = [hit.object_id for hit in hits if hit.object_type == SearchEntry.PAGE]
    readable = set(
        Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)
    )
    return [hit for hit in hits if hit.object_type != SearchEntry.PAGE or hit.object_id in readable]


def _describe_documents(hits, language):
    """Document hits: drop any no longer public; add the file type and the pages using it."""
    ids = [hit.object_id for hit in hits if hit.object_type == SearchEntry.DOCUMENT]
    if not ids:
        return hits
    documents = {document.pk: document for document in searchable_documents().filter(pk__in=ids)}
    usage = document_usage(list(documents), language)
    described = []
    for hit in hits:
        if hit.object_type == SearchEntry.DOCUMENT:
            document = documents.get(hit.object_id)
            if document is None:
                continue
            hit.file_type = document.file_extension.upper()
            hit.used_on = usage.get(document.pk, [])
        described.append(hit)
    return described


def _suggestion(query, spelling):
    """The query with each misspelt word replaced by the most frequent close word."""
    if not spelling:
        return ""
    text, changed = query, False
    for part in reversed(spelling):  # right to left keeps earlier offsets valid
        if part["options"]:
            best = part["options"][0]["text"]
            start, end = part["offset"], part["offset"] + part["length"]
            text = text[:start] + best + text[end:]
            changed = True
    return text if changed and text.casefold() != query.casefold() else ""


def autocomplete(prefix, language, limit=8):
    index = elastic_index()
    if index is not None:
        try:
            return index.autocomplete(prefix, language, limit)
        except ElasticsearchException:
            pass
    return database.autocomplete(prefix, language, limit)


# Indexing ----------------------------------------------------------------------------


def update_page(page):
    """Bring search up to date for one page (publish, unpublish, move, restriction)."""
    entries = page_entries(page) if page is not None else []
    _store(SearchEntry.PAGE, page.pk, entries)


def remove_page(page_id):
    _store(SearchEntry.PAGE, page_id, [])


def update_document(document):
    """Bring search up to date for one uploaded document (upload, edit, collection privacy)."""
    _store(SearchEntry.DOCUMENT, document.pk, document_entries(document))


def remove_document(document_id):
    _store(SearchEntry.DOCUMENT, document_id, [])


def _store(object_type, object_id, entries):
    with transaction.atomic():
        SearchEntry.objects.filter(target_type=object_type, target_id=object_id).delete()
        for entry in entries:
            SearchEntry.objects.create(
                target_type=entry.object_type,
                target_id=entry.object_id,
                language=entry.language,
                kind=entry.kind,
                title=entry.title[:255],
                summary=entry.summary,
                headings=entry.headings,
                body=entry.body,
                url=entry.url,
                date=entry.date,
                themes=" ".join(entry.themes),
                audiences=" ".join(entry.audiences),
                regions=" ".join(entry.regions),
                languages=" ".join(entry.languages),
                superseded=entry.superseded,
            )
        if settings.ELASTICSEARCH_URL:
            PendingIndexUpdate.objects.update_or_create(
                target_type=object_type,
                target_id=object_id,
                defaults={"queued_at": timezone.now()},
            )
            transaction.on_commit(lambda: flush_pending(force=True))


def flush_pending(index=None, force=False, limit=500):
    """Send queued changes to Elasticsearch; keep them queued if it does not answer."""
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
            if update.target_type == SYNONYMS:
                index.apply_synonyms()  # queued by search.editorial while it was down
            else:
                index.replace_object(update.target_type, update.target_id, entries)
        except ElasticsearchException as error:
            PendingIndexUpdate.objects.filter(pk=update.pk).update(
                attempts=update.attempts + 1, last_error=str(error)[:255]
            )
            logger.warning("Search update for %s queued until Elasticsearch answers", update)
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
