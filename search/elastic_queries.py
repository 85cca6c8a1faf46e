"""The queries the portal sends Elasticsearch (and OpenSearch): what decides the order
(weighting, phrases, typos), the facets, highlights and suggestions. search/elastic.py sends
them; what a query means (synonyms, acronyms, its translation) is worked out before, in
search/query.py.
"""

import re

from foundation.linguistics import QUESTION_WORDS, is_question_word
from search.analysis import JOINED_LANGUAGES, WORD_START_LANGUAGES, suffix
from search.results import COMPANION

KIND_BOOST = 1.0  # added to the score of a kind of content the query names
ALL_WORDS = "all-words"  # the name of the clauses a strong hit matches
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
MAX_QUERY_LENGTH = 200
BEST_WORDING_TIE = 0.1  # what the other wordings of a query (synonyms) add to the best one
EVERY_WORD = 0.25  # what holding every word adds (a share of the words' own score)
SOME_WORDS = 0.3  # the weight of a match with half of the words

# Chinese is searched by characters and pairs of characters in every field: a long text
# would pass the engine's limit of 1,024 clauses (OpenSearch counts nested ones too). Sixty
# characters is a long sentence.
MAX_CHINESE_QUERY_LENGTH = 60
_IDEOGRAPHS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def searchable_text(text, language):
    """The query as it is sent: at most 200 characters (60 in Chinese); in Chinese,
    without the words that only make it a question (there is no space to stop them by in
    the analyzer)."""
    text = text[:MAX_QUERY_LENGTH]
    if language == "zh-hans" or _IDEOGRAPHS.search(text):
        # Ideographs are words of one character in every analyzer but the Chinese one.
        text = text[:MAX_CHINESE_QUERY_LENGTH]
    if language == "zh-hans":
        for word in sorted(QUESTION_WORDS["zh-hans"], key=len, reverse=True):
            if len(word) > 1 or len(text) > 4:
                text = text.replace(word, " ")
        text = " ".join(text.split()) or text
    return text


def query_body(query, filters, sort, offset, limit):
    """One page of results in the reader's language, with the facet counts, highlights
    and spelling suggestions."""
    name = suffix(query.language)
    selected = [{"terms": {key: values}} for key, values in filters.items() if values]
    body = {
        "from": offset,
        "size": limit,
        "query": scoped_query(query, query.language),
        "post_filter": {"bool": {"filter": selected}},
        "aggs": facet_aggregations(filters),
        "highlight": highlight(name),
        "suggest": {
            "text": searchable_text(query.text, query.language),
            # No result: words the index does not know, replaced by close ones that it
            # does. Few results: close words that are more frequent than the typed ones.
            "missing": suggester(name, "missing"),
            "popular": suggester(name, "popular"),
        },
        "track_total_hits": True,
        "_source": {"excludes": ["body_*", "headings_*"]},
    }
    if sort == "date":
        body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    return body


def other_language_body(query, filters, limit):
    """Content in `other_language` that the reader's language does not have."""
    other = query.other_language
    selected = [{"terms": {key: values}} for key, values in filters.items() if values]
    translated = type(query)(
        text=query.translated,
        language=other,
        alternatives=query.translated_alternatives,
        kinds=query.kinds,
    )
    scoped = scoped_query(translated, other)
    scoped["boosting"]["positive"]["bool"]["filter"] += [
        {"bool": {"must_not": {"term": {"languages": query.language}}}},
        *selected,
    ]
    return {
        "size": limit,
        "query": scoped,
        "highlight": highlight(suffix(other)),
        "track_total_hits": True,
        "_source": {"excludes": ["body_*", "headings_*"]},
    }


def scoped_query(query, language):
    """The text query within one language; superseded editions sink but stay findable;
    the kinds of content the query names ("a course on ...") come up."""
    favoured = [{"terms": {"kind": query.kinds, "boost": KIND_BOOST}}] if query.kinds else []
    text = text_query(query, suffix(language))
    if query.companions:
        # Tools and lessons after the guidance they accompany, unless asked for.
        text = {
            "function_score": {
                "query": text,
                "functions": [
                    {"filter": {"terms": {"kind": query.companions}}, "weight": COMPANION}
                ],
                "boost_mode": "multiply",
            }
        }
    return {
        "boosting": {
            "positive": {
                "bool": {
                    "must": text,
                    "should": favoured,
                    "filter": [{"term": {"language": language}}],
                }
            },
            "negative": {"term": {"superseded": True}},
            "negative_boost": 0.3,
        }
    }


def text_query(query, name):
    """What decides the order: the typed words, across title, headings, summary and
    body (most of them count most, fewer count less, each by how rare it is; question
    words do not count, the search analyzer drops them), more where they stand together;
    the same in the alternatives' words, a little lower; typos last, so a misspelt word
    never outranks an exact one."""
    text = searchable_text(query.text, query.language)

    def words(value, boost):
        return {
            "multi_match": {
                "query": value,
                "type": "cross_fields",
                "fields": [
                    f"title_{name}^8",
                    f"headings_{name}^3",
                    f"summary_{name}^4",
                    f"body_{name}",
                ],
                "operator": "or",
                "minimum_should_match": "2<75%",
                "boost": boost,
            }
        }

    def phrase(value, boost):
        return {
            "multi_match": {
                "query": value,
                "type": "phrase",
                "slop": 2,
                "fields": [f"title_{name}^3", f"headings_{name}^3", f"all_{name}"],
                "boost": boost,
            }
        }

    def best(clauses):
        if len(clauses) == 1:
            return clauses[0]
        return {"dis_max": {"queries": clauses, "tie_breaker": BEST_WORDING_TIE}}

    def every_word(value, boost, name_):
        # Matched by every content word: a strong hit (`matched_queries` says so).
        if query.language == "zh-hans":
            # Without spaces, words are unknown: every character, and most pairs.
            characters = {"query": value, "operator": "and"}
            every = {"match": {f"all_{name}.characters": characters}}
            must = [every, words(value, 1.0)]
            return {"bool": {"must": must, "boost": boost, "_name": name_}}
        clause = words(value, boost)
        clause["multi_match"].update(operator="and", _name=name_)
        clause["multi_match"].pop("minimum_should_match")
        return clause

    # Each kind of clause counts once, for the wording that matches best: a query with
    # four synonyms must not score the words they share four times over.
    wordings = [(text, 1.0, ALL_WORDS)] + [
        (searchable_text(alternative, query.language), 0.7, f"{ALL_WORDS}-{number}")
        for number, alternative in enumerate(query.alternatives)
    ]
    should = [
        best([words(value, boost) for value, boost, _name in wordings]),
        best([phrase(value, boost) for value, boost, _name in wordings]),
        best([every_word(value, boost * EVERY_WORD, id_) for value, boost, id_ in wordings]),
    ]
    if query.language in WORD_START_LANGUAGES:
        should.append(
            {
                "match": {
                    f"all_{name}.start": {
                        "query": text,
                        "minimum_should_match": "2<75%",
                        "boost": 0.3,
                    }
                }
            }
        )
    if query.language in JOINED_LANGUAGES:
        # A missing space: a typed word that is two of the text's words joined.
        should.append({"match": {f"joined_{name}": {"query": text, "boost": 0.5}}})
    # The spelling field keeps every word: the ones that only make a question ("how",
    # "of") would be read in nearly every page, and all but one word must be there.
    spelt = [word for word in text.split() if not is_question_word(word, query.language)]
    should.append(
        {
            "match": {
                f"spelling_{name}": {
                    "query": " ".join(spelt) or text,
                    "fuzziness": "AUTO:5,8",
                    "prefix_length": 1,
                    "max_expansions": 20,
                    # A misspelt word among right ones: all but one word must be there.
                    "minimum_should_match": "1<-1",
                    "boost": 0.05,
                }
            }
        }
    )
    # Half of the words, each weighed by how rare it is: a page with the two telling
    # words of "can data be shared with immigration" is found, and not left behind the
    # pages with the three common ones. In Chinese, half of the pairs of characters of
    # a long query (a short one needs them all: one shared pair is not a match).
    # A wording that keeps some of the typed words ("how to spot a victim") finds
    # little that half of the typed words do not, for the cost of reading every
    # page that holds one of them once more: only wholly other words ("AVRR" for
    # "assisted voluntary return") are searched by half as well.
    typed = set(text.casefold().split())
    some_words = best(
        [
            words(value, boost * SOME_WORDS)
            for number, (value, boost, _name) in enumerate(wordings)
            if number == 0 or not typed & set(value.casefold().split())
        ]
    )
    enough = "3<50%" if query.language == "zh-hans" else "1<50%"
    for clause in some_words.get("dis_max", {}).get("queries", [some_words]):
        clause["multi_match"]["minimum_should_match"] = enough
    should.append(some_words)
    return {"bool": {"should": should, "minimum_should_match": 1}}


def facet_aggregations(filters):
    """Counts per facet, each filtered by the *other* selected facets, so they combine.
    A facet no other selection narrows is counted as it is: an empty filter still visits
    every matching document once more (about 4% of the time at 100,000 documents)."""
    aggs = {}
    for key in ("kind", "themes", "audiences", "regions", "languages"):
        others = [{"terms": {k: v}} for k, v in filters.items() if v and k != key]
        values = {"terms": {"field": key, "size": 50}}
        aggs[key] = (
            {"filter": {"bool": {"filter": others}}, "aggs": {"values": values}}
            if others
            else values
        )
    return aggs


def facet_buckets(aggregations, key):
    """`{value: count}` of one facet in a response to `facet_aggregations`."""
    found = aggregations[key]
    return {bucket["key"]: bucket["doc_count"] for bucket in found.get("values", found)["buckets"]}


def highlight(name):
    return {
        **HIGHLIGHT,
        "fields": {
            f"title_{name}": {"number_of_fragments": 0},
            f"summary_{name}": {"number_of_fragments": 0},
            f"body_{name}": {"fragment_size": 160, "number_of_fragments": 2},
        },
    }


def suggester(name, mode):
    return {
        "term": {
            "field": f"spelling_{name}",
            "suggest_mode": mode,
            "min_word_length": 4,
            "max_edits": 2,
        }
    }
