"""Everything Elasticsearch-specific: analyzers per language, the mapping, index naming,
alias swaps, synonyms and the queries (matching, fuzziness, facets, highlights, suggestions).

One index holds one document per object and language. Each language's text fields use
that language's analyzer; the reader's language is searched first and English-only
content comes after it, labelled.
"""

from dataclasses import asdict

from elasticsearch import Elasticsearch, ElasticsearchException, NotFoundError
from elasticsearch.helpers import bulk

from django.conf import settings
from django.utils import timezone

from search.models import Synonym

# Per language: the filters after tokenizing, at index time. Stop words and stemmers are
# Elasticsearch's own; Arabic is normalised (hamza, alef and ta marbuta variants), and
# Chinese is split into overlapping bigrams since it is written without spaces.
LANGUAGE_FILTERS = {
    "en": ["english_possessive", "lowercase", "asciifolding", "english_stop", "english_stemmer"],
    "fr": ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"],
    "es": ["lowercase", "asciifolding", "spanish_stop", "spanish_stemmer"],
    "ar": ["lowercase", "decimal_digit", "arabic_stop", "arabic_normalization", "arabic_stemmer"],
    "ru": ["lowercase", "russian_stop", "russian_stemmer"],
    "zh-hans": ["cjk_width", "lowercase", "cjk_bigram"],
}
STEMMERS = {
    "english_stemmer": "english",
    "french_stemmer": "light_french",
    "spanish_stemmer": "light_spanish",
    "arabic_stemmer": "arabic",
    "russian_stemmer": "russian",
}
STOPWORDS = {
    "english_stop": "_english_",
    "french_stop": "_french_",
    "spanish_stop": "_spanish_",
    "arabic_stop": "_arabic_",
    "russian_stop": "_russian_",
}


class SearchFailed(ElasticsearchException):
    """Elasticsearch answered, but not with results (the database answers instead)."""


HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
MAX_QUERY_LENGTH = 200


def suffix(code):
    return code.replace("-", "_")


def analysis_settings(synonyms=None):
    """Analyzers for every language, with the editors' synonyms at search time."""
    synonyms = synonyms if synonyms is not None else synonym_rules()
    filters = {
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "french_elision": {
            "type": "elision",
            "articles_case": True,
            "articles": [
                "l",
                "m",
                "t",
                "qu",
                "n",
                "s",
                "j",
                "d",
                "c",
                "jusqu",
                "quoiqu",
                "lorsqu",
                "puisqu",
            ],
        },
        **{name: {"type": "stemmer", "language": lang} for name, lang in STEMMERS.items()},
        **{name: {"type": "stop", "stopwords": words} for name, words in STOPWORDS.items()},
        "autocomplete_ngrams": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
    }
    analyzers = {
        "autocomplete": {
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "arabic_normalization", "autocomplete_ngrams"],
        },
        "autocomplete_search": {
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "arabic_normalization"],
        },
        # Words as written (lower-cased), for "did you mean" suggestions.
        "spelling": {"tokenizer": "standard", "filter": ["lowercase"]},
    }
    for code, chain in LANGUAGE_FILTERS.items():
        name = suffix(code)
        analyzers[f"text_{name}"] = {"tokenizer": "standard", "filter": chain}
        search_chain = list(chain)
        rules = synonyms.get(code) or []
        filters[f"synonyms_{name}"] = {"type": "synonym_graph", "synonyms": rules, "lenient": True}
        # Synonyms match the lower-cased words, before stop words and stemming; in Chinese,
        # the bigrams, or a rule's characters would never meet the bigrams of the text.
        position = search_chain.index("cjk_bigram" if "cjk_bigram" in chain else "lowercase") + 1
        search_chain.insert(position, f"synonyms_{name}")
        analyzers[f"search_{name}"] = {"tokenizer": "standard", "filter": search_chain}
    return {"analysis": {"filter": filters, "analyzer": analyzers}}


def mapping():
    properties = {
        "object_type": {"type": "keyword"},
        "object_id": {"type": "integer"},
        "language": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "url": {"type": "keyword", "index": False},
        "date": {"type": "date"},
        "themes": {"type": "keyword"},
        "audiences": {"type": "keyword"},
        "regions": {"type": "keyword"},
        "languages": {"type": "keyword"},
    }
    for code in LANGUAGE_FILTERS:
        name = suffix(code)
        text = {
            "type": "text",
            "analyzer": f"text_{name}",
            "search_analyzer": f"search_{name}",
            "copy_to": [f"all_{name}", f"spelling_{name}"],
        }
        properties[f"title_{name}"] = {
            **text,
            "fields": {
                "autocomplete": {
                    "type": "text",
                    "analyzer": "autocomplete",
                    "search_analyzer": "autocomplete_search",
                }
            },
        }
        properties[f"summary_{name}"] = dict(text)
        properties[f"body_{name}"] = dict(text)
        properties[f"all_{name}"] = {
            "type": "text",
            "analyzer": f"text_{name}",
            "search_analyzer": f"search_{name}",
        }
        properties[f"spelling_{name}"] = {"type": "text", "analyzer": "spelling"}
    return {"dynamic": "strict", "properties": properties}


def synonym_rules():
    rules = {}
    for synonym in Synonym.objects.all():
        rule = synonym.as_rule()
        if rule:
            rules.setdefault(synonym.language, []).append(rule)
    return rules


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
            f"title_{name}": entry.title,
            f"summary_{name}": entry.summary,
            f"body_{name}": entry.body,
        }
    )
    return doc


def document_id(object_type, object_id, language):
    return f"{object_type}-{object_id}-{language}"


class ElasticIndex:
    """The portal's index: an alias pointing at a dated index, swapped on rebuild."""

    def __init__(self, url=None, alias=None, timeout=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.alias = alias or f"{settings.ELASTICSEARCH_INDEX_PREFIX}content"
        self.client = Elasticsearch(
            [self.url], timeout=timeout or settings.ELASTICSEARCH_TIMEOUT, max_retries=0
        )

    # Index life cycle --------------------------------------------------------------

    def create_index(self, name):
        self.client.indices.create(
            index=name,
            body={
                "settings": {"number_of_shards": 1, "number_of_replicas": 0, **analysis_settings()},
                "mappings": mapping(),
            },
        )

    def current_index(self):
        try:
            return next(iter(self.client.indices.get_alias(name=self.alias)))
        except NotFoundError:
            return None

    def ensure(self):
        """Create the index and alias if there are none yet."""
        if self.current_index() is None:
            name = self.new_index_name()
            self.create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)

    def new_index_name(self):
        return f"{self.alias}_{timezone.now():%Y%m%d%H%M%S%f}"

    def rebuild(self, entries, progress=None):
        """Load every entry into a new index, then point the alias at it in one step.

        Searches keep answering from the old index until the swap.
        """
        new = self.new_index_name()
        self.create_index(new)
        self.client.indices.put_settings(index=new, body={"index": {"refresh_interval": "-1"}})
        actions = (
            {
                "_index": new,
                "_id": document_id(entry.object_type, entry.object_id, entry.language),
                "_source": to_document(entry),
            }
            for entry in (progress(entries) if progress else entries)
        )
        indexed, _errors = bulk(self.client, actions, chunk_size=500, request_timeout=120)
        self.client.indices.put_settings(index=new, body={"index": {"refresh_interval": "1s"}})
        self.client.indices.refresh(index=new)
        old = self.current_index()
        swap = [{"add": {"index": new, "alias": self.alias}}]
        if old:
            swap.insert(0, {"remove": {"index": old, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": swap})
        if old:
            self.client.indices.delete(index=old, ignore_unavailable=True)
        return indexed

    def apply_synonyms(self):
        """Put the editors' synonyms in place without re-indexing anything.

        Search-time analyzers can change on a closed index; it is closed for well under a
        second, during which the portal answers from the database.
        """
        index = self.current_index()
        if index is None:
            return
        self.client.indices.close(index=index)
        try:
            self.client.indices.put_settings(index=index, body=analysis_settings())
        finally:
            self.client.indices.open(index=index, wait_for_active_shards=1)

    # Documents -----------------------------------------------------------------------

    def replace_object(self, object_type, object_id, entries):
        """Make the index hold exactly `entries` for one object (none: remove it)."""
        self.client.delete_by_query(
            index=self.alias,
            body={
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {"object_type": object_type}},
                            {"term": {"object_id": object_id}},
                        ]
                    }
                }
            },
            refresh=True,
            conflicts="proceed",
        )
        if entries:
            bulk(
                self.client,
                (
                    {
                        "_index": self.alias,
                        "_id": document_id(e.object_type, e.object_id, e.language),
                        "_source": to_document(e),
                    }
                    for e in entries
                ),
                # Visible at once, without waiting up to a second for the next refresh:
                # a search sends the queue after an outage, one object after another.
                refresh=True,
            )

    def count(self):
        return self.client.count(index=self.alias)["count"]

    # Queries ---------------------------------------------------------------------------

    def search(self, query, language, filters, sort, offset, limit, fallback_limit=10):
        """Results in `language`, and English-only objects separately (to label them).

        Returns the two raw responses (the second is None when reading in English).
        """
        searches = [{}, self.query_body(query, language, filters, sort, offset, limit)]
        english = settings.LANGUAGE_CODE
        if language != english:
            fallback = self.query_body(
                query, english, filters, sort, 0, fallback_limit, exclude_language=language
            )
            searches += [{}, fallback]
        responses = self.client.msearch(index=self.alias, body=searches)["responses"]
        for response in responses:
            if "error" in response:
                raise SearchFailed(response["error"].get("type", "error"))
        return responses[0], (responses[1] if len(responses) > 1 else None)

    def query_body(self, query, language, filters, sort, offset, limit, exclude_language=None):
        name = suffix(language)
        text = query[:MAX_QUERY_LENGTH]
        scope = [{"term": {"language": language}}]
        if exclude_language:
            scope.append({"bool": {"must_not": {"term": {"languages": exclude_language}}}})
        selected = [{"terms": {key: values}} for key, values in filters.items() if values]
        body = {
            "from": offset,
            "size": limit,
            "query": {"bool": {"must": self.text_query(text, name), "filter": scope}},
            "post_filter": {"bool": {"filter": selected}},
            "aggs": self.facet_aggregations(filters),
            "highlight": {
                **HIGHLIGHT,
                "fields": {
                    f"title_{name}": {"number_of_fragments": 0},
                    f"summary_{name}": {"number_of_fragments": 0},
                    f"body_{name}": {"fragment_size": 160, "number_of_fragments": 2},
                },
            },
            "suggest": {
                "text": text,
                "spelling": {
                    "term": {
                        "field": f"spelling_{name}",
                        "suggest_mode": "missing",
                        "min_word_length": 4,
                    }
                },
            },
            "track_total_hits": True,
        }
        if sort == "date":
            body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
        return body

    def count_matching(self, query, language):
        """How many documents in `language` the query finds, filters aside."""
        text_query = self.text_query(query[:MAX_QUERY_LENGTH], suffix(language))
        body = {"query": {"bool": {"must": text_query, "filter": {"term": {"language": language}}}}}
        return self.client.count(index=self.alias, body=body)["count"]

    @staticmethod
    def text_query(text, name):
        """Exact words and synonyms score highest; typos in longer words still match."""
        fields = [f"title_{name}^3", f"summary_{name}^2", f"body_{name}"]
        return {
            "bool": {
                "should": [
                    {
                        "multi_match": {
                            "query": text,
                            "fields": fields,
                            "type": "best_fields",
                            "operator": "and",
                            "boost": 3,
                        }
                    },
                    {"match_phrase": {f"all_{name}": {"query": text, "boost": 2}}},
                    {
                        "match": {
                            f"all_{name}": {
                                "query": text,
                                "operator": "or",
                                "minimum_should_match": "2<75%",
                            }
                        }
                    },
                    # Typos: compared with the words as written, not stemmed; longer words only.
                    {
                        "match": {
                            f"spelling_{name}": {
                                "query": text,
                                "fuzziness": "AUTO:5,8",
                                "prefix_length": 1,
                                "boost": 0.5,
                                "minimum_should_match": "2<75%",
                            }
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        }

    @staticmethod
    def facet_aggregations(filters):
        """Counts per facet, each filtered by the *other* selected facets, so they combine."""
        aggs = {}
        for key in ("kind", "themes", "audiences", "regions", "languages"):
            others = [{"terms": {k: v}} for k, v in filters.items() if v and k != key]
            aggs[key] = {
                "filter": {"bool": {"filter": others}},
                "aggs": {"values": {"terms": {"field": key, "size": 50}}},
            }
        return aggs

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
