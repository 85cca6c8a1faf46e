"""Everything Elasticsearch-specific: analyzers per language and the mapping
(search/analysis.py), index naming, alias swaps, updates and the round trips; the queries
themselves (weighting, phrases, typos, facets, highlights, suggestions) are built in
search/elastic_queries.py.
OpenSearch 2 takes the same index and queries (search/connection.py picks its client).
What a query means (synonyms, acronyms, its translation) is worked out before, in
search/query.py, the same for both engines.

One index holds one document per object and language. Each language's text fields use
that language's analyzer; the reader's language is searched first and English-only
content comes after it, labelled.
"""

import logging
from dataclasses import asdict

from django.conf import settings
from django.utils import timezone

from search import connection, elastic_queries
from search.analysis import (
    analysis_settings,
    mapping,
    suffix,
)
from search.results import Query

logger = logging.getLogger(__name__)


class SearchFailed(connection.EngineUnavailable):
    """Elasticsearch answered, but not with results (the database answers instead)."""


class IndexNotReady(connection.EngineUnavailable):
    """A new index did not get its shards in time: no alias is pointed at it."""


NOT_FOUND_STATUS = 404


def to_document(entry):
    """The Elasticsearch document of a search entry (documents.Entry)."""
    name = suffix(entry.language)
    data = asdict(entry)
    doc = {key: data[key] for key in ("object_type", "object_id", "language", "kind", "url")}
    doc.update(
        {
            "date": entry.date.isoformat() if entry.date else None,
            "themes": entry.themes,
            "audiences": entry.audiences,
            "regions": entry.regions,
            "languages": entry.languages,
            "superseded": entry.superseded,
            f"title_{name}": entry.title,
            f"summary_{name}": entry.summary,
            f"headings_{name}": entry.headings,
            f"body_{name}": entry.body,
        }
    )
    return doc


def document_id(object_type, object_id, language):
    return f"{object_type}-{object_id}-{language}"


class ElasticIndex:
    """The portal's index: an alias pointing at a dated index, swapped on rebuild.

    The alias only ever moves to an index that is complete and whose shards answer, so
    readers never land on a half-built index; an index that failed is deleted.
    """

    def __init__(self, url=None, alias=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.alias = alias or f"{settings.ELASTICSEARCH_INDEX_PREFIX}content"

    @property
    def client(self):
        """For readers' searches and single updates: a short timeout."""
        return connection.client(self.url)

    @property
    def admin(self):
        """For index creation, rebuilds and clean-up: a long timeout, retried."""
        return connection.client(self.url, admin=True)

    # Index life cycle --------------------------------------------------------------

    @staticmethod
    def index_settings():
        """Shards and replicas: with ELASTICSEARCH_REPLICAS unset, one replica as soon as
        the cluster has a second node (none on a single node, where it could not be placed)."""
        replicas = settings.ELASTICSEARCH_REPLICAS
        placement = (
            {"number_of_replicas": replicas}
            if replicas is not None
            else {"auto_expand_replicas": "0-1"}
        )
        return {"number_of_shards": 1, **placement, **analysis_settings()}

    def create_index(self, name):
        """Create `name` and wait until its primary shard answers; delete it if it does not."""
        try:
            self.admin.indices.create(
                index=name, body={"settings": self.index_settings(), "mappings": mapping()}
            )
        except connection.BAD_REQUEST as error:
            # A retry after a timeout finds the index its first attempt created.
            if error.error != "resource_already_exists_exception":
                raise
        try:
            health = self.admin.cluster.health(
                index=name,
                wait_for_status="yellow",
                timeout=f"{settings.ELASTICSEARCH_ADMIN_TIMEOUT}s",
                request_timeout=settings.ELASTICSEARCH_ADMIN_TIMEOUT + 5,
            )
        except connection.ENGINE_ERRORS as error:  # the engine answers 408 when it times out
            health = {"timed_out": True, "status": f"{error.__class__.__name__}: {error}"}
        if health.get("timed_out") or health.get("status") == "red":
            self.drop(name)
            raise IndexNotReady(f"{name} did not become ready: {health.get('status')}")

    def drop(self, name):
        """Delete an index that never got the alias (a failed rebuild's, a leftover)."""
        try:
            self.admin.indices.delete(index=name, ignore_unavailable=True)
        except connection.ENGINE_ERRORS as error:  # left for the next clean-up
            logger.warning("Could not delete the search index %s: %s", name, error)

    def current_index(self):
        try:
            return next(iter(self.client.indices.get_alias(name=self.alias)))
        except connection.NOT_FOUND:
            return None

    def ensure(self):
        """Create the index and alias if there are none yet.

        The first index has a fixed name, so processes that all find no alias at once (or
        a call retried after a timeout) create one index between them, not one each.
        """
        if self.current_index() is not None:
            return
        name = f"{self.alias}_initial"
        self.create_index(name)
        self.admin.indices.update_aliases(
            body={"actions": [{"add": {"index": name, "alias": self.alias}}]}
        )

    def new_index_name(self):
        return f"{self.alias}_{timezone.now():%Y%m%d%H%M%S%f}"

    def rebuild(self, entries, progress=None, note=None):
        """Load every entry into a new index, then point the alias at it in one step.

        Searches keep answering from the old index until the swap. If anything fails on
        the way, the new index is deleted, the alias stays where it was and the error is
        raised; once the alias has moved, older indices that no alias points to go.
        `note(text)` is told of the steps that have no count to show.
        """
        started = timezone.now()
        new = self.new_index_name()
        try:
            self.create_index(new)
            indexed = self._load(new, entries, progress)
            if note:
                note("Merging the new index into one segment...")
            self._merge(new)
            old = self.current_index()
            swap = [{"add": {"index": new, "alias": self.alias}}]
            if old:
                swap.insert(0, {"remove": {"index": old, "alias": self.alias}})
            self.admin.indices.update_aliases(body={"actions": swap})
        except BaseException:
            self.abandon(new)
            raise
        self.clean_up(before=started)
        return indexed

    def abandon(self, name):
        """Delete a new index that failed, unless the alias got to it after all (a swap
        that timed out on our side but was made): the next clean-up decides then."""
        try:
            reached = self.current_index() == name
        except connection.ENGINE_ERRORS:
            reached = True  # unknown: never delete what readers may be searching
        if not reached:
            self.drop(name)

    def _load(self, name, entries, progress):
        self.admin.indices.put_settings(index=name, body={"index": {"refresh_interval": "-1"}})
        actions = (
            {
                "_index": name,
                "_id": document_id(entry.object_type, entry.object_id, entry.language),
                "_source": to_document(entry),
            }
            for entry in (progress(entries) if progress else entries)
        )
        indexed, _errors = connection.bulk(
            self.admin,
            actions,
            chunk_size=500,
            request_timeout=settings.ELASTICSEARCH_ADMIN_TIMEOUT,
        )
        self.admin.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
        self.admin.indices.refresh(index=name)
        return indexed

    def _merge(self, name):
        """Merge a freshly loaded index into one segment before readers get it.

        A bulk load leaves several segments, and a search reads each one's dictionary of
        words: the close spellings of a typo are looked for in every one. Merged, at
        104,340 documents, the benchmark's queries sent straight to Elasticsearch went
        from 45 to 36 ms at the 95th percentile (README, "How search works"). Later
        publishes add small segments, which Elasticsearch merges as usual. An optimisation
        only: if the merge fails or outlasts the timeout, the index is used as it is.
        """
        try:
            self.admin.indices.forcemerge(
                index=name,
                max_num_segments=1,
                request_timeout=settings.ELASTICSEARCH_ADMIN_TIMEOUT,
            )
            # Searches open the merged segment from the start (and the old files go).
            self.admin.indices.refresh(index=name)
        except connection.ENGINE_ERRORS as error:
            logger.warning("The new search index %s was not merged: %s", name, error)

    def leftovers(self, before=None):
        """Our indices that no alias points to (created before `before`, when given: a
        rebuild running elsewhere is still loading the newer ones)."""
        indices = self.admin.indices.get(index=f"{self.alias}_*", allow_no_indices=True)
        limit = before.timestamp() * 1000 if before else None
        return sorted(
            name
            for name, index in indices.items()
            if not index.get("aliases")
            and (limit is None or int(index["settings"]["index"]["creation_date"]) < limit)
        )

    def clean_up(self, before=None):
        """Delete leftover indices: a failed or interrupted rebuild's, an old swap's."""
        removed = self.leftovers(before)
        for name in removed:
            self.drop(name)
        return removed

    def cluster_health(self):
        """The cluster's status (green, yellow, red) and its number of nodes."""
        health = self.client.cluster.health()
        return {"status": health["status"], "nodes": health["number_of_nodes"]}

    # Documents -----------------------------------------------------------------------

    def replace_object(self, object_type, object_id, entries):
        """Make the index hold exactly `entries` for one object (none: remove it).

        An object has one document per language under a known id, so one bulk request
        writes its languages and deletes the others by id: nothing searches the index,
        and the cost stays the same however many documents it holds.
        """
        written = {entry.language for entry in entries}
        actions = [
            {
                "_index": self.alias,
                "_id": document_id(entry.object_type, entry.object_id, entry.language),
                "_source": to_document(entry),
            }
            for entry in entries
        ] + [
            {
                "_op_type": "delete",
                "_index": self.alias,
                "_id": document_id(object_type, object_id, code),
            }
            for code, _name in settings.LANGUAGES
            if code not in written
        ]
        _sent, errors = connection.bulk(
            self.client,
            actions,
            # Visible at once, without waiting up to a second for the next refresh:
            # a search sends the queue after an outage, one object after another.
            refresh=True,
            raise_on_error=False,
        )
        # A language the object never had has nothing to delete: not an error.
        failed = [
            item for item in errors if item.get("delete", {}).get("status") != NOT_FOUND_STATUS
        ]
        if failed:
            raise SearchFailed(f"{len(failed)} of {len(actions)} changes refused: {failed[0]}")

    def count(self):
        return self.client.count(index=self.alias)["count"]

    # Queries ---------------------------------------------------------------------------

    def search(self, query, filters, sort, offset, limit, fallback_limit=10):
        """Results in the reader's language and, in the same round trip, the content that
        does not exist in it, found in `query.other_language` with the translated query.

        Returns the two raw responses (the second is None when there is nothing to translate).
        """
        body = self.msearch_body(query, filters, sort, offset, limit, fallback_limit)
        return self.answers(self.send_search(body))

    def msearch_body(self, query, filters, sort, offset, limit, fallback_limit=10):
        """The request body of the msearch `search()` sends, encoded."""
        searches = [{}, elastic_queries.query_body(query, filters, sort, offset, limit)]
        if query.translated and query.other_language != query.language:
            searches += [{}, elastic_queries.other_language_body(query, filters, fallback_limit)]
        return connection.msearch_body(self.client, searches)

    def send_search(self, body):
        """An msearch, sent now and read later by `answers()` (connection.SentSearch)."""
        return connection.SentSearch(self.client, self.alias, body)

    @staticmethod
    def answers(sent):
        """The two raw responses of a sent search, as `search()` returns them."""
        responses = sent.responses()
        for response in responses:
            if "error" in response:
                raise SearchFailed(response["error"].get("type", "error"))
        return responses[0], (responses[1] if len(responses) > 1 else None)

    def count_matching(self, text, language, every_word=False):
        """How many documents in `language` the words find (`every_word`: all of them)."""
        query = Query(text=text, language=language)
        if every_word:
            fields = [
                f"{field}_{suffix(language)}" for field in ("title", "headings", "summary", "body")
            ]
            words = elastic_queries.searchable_text(text, language)
            body = {
                "query": {
                    "bool": {
                        "must": {
                            "multi_match": {
                                "query": words,
                                "type": "cross_fields",
                                "fields": fields,
                                "operator": "and",
                            }
                        },
                        "filter": {"term": {"language": language}},
                    }
                }
            }
        else:
            body = {"query": elastic_queries.scoped_query(query, language)}
        return self.client.count(index=self.alias, body=body)["count"]

    def autocomplete(self, prefix, language, limit=8):
        name = suffix(language)
        response = self.client.search(
            index=self.alias,
            body={
                "size": limit,
                "_source": ["object_type", "object_id", "url", f"title_{name}", "kind"],
                "query": {
                    "bool": {
                        "must": {
                            "match": {
                                f"title_{name}.autocomplete": {
                                    "query": prefix[:60],
                                    "operator": "and",
                                }
                            }
                        },
                        "filter": [{"term": {"language": language}}],
                    }
                },
            },
        )
        return [
            {
                "title": hit["_source"][f"title_{name}"],
                "url": hit["_source"]["url"],
                "kind": hit["_source"]["kind"],
            }
            for hit in response["hits"]["hits"]
        ]
