"""The queries the portal sends Elasticsearch (and OpenSearch): what decides the order
(weighting, phrases, typos), the facets, highlights and suggestions. search/elastic.py sends
them; what a query means (synonyms, acronyms, its translation) is worked out before, in
search/query.py.
"""

import dataclasses
import re

from foundation.linguistics import (
    MIN_CORRECTED_LENGTH,
    QUESTION_WORDS,
    WORD,
    fold,
    fold_word,
    is_question_word,
)
from search.analysis import JOINED_LANGUAGES, WORD_START_LANGUAGES, suffix
from search.results import COMPANION, EARLIER

KIND_BOOST = 1.0  # added to the score of a kind of content the query names
SUPERSEDED = 0.3  # score factor of a replaced edition: still found, below the current one
ALL_WORDS = "all-words"  # the name of the clauses a strong hit matches
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
MAX_QUERY_LENGTH = 200
BEST_WORDING_TIE = 0.1  # what the other wordings of a query (synonyms) add to the best one
EVERY_WORD = 0.25  # what holding every word adds (a share of the words' own score)
SOME_WORDS = 0.3  # the weight of a match with half of the words
# How much more the words standing together count when the query holds a name the editors
# list (a synonym, an acronym's meaning, a glossary term): "traite des êtres humains" is
# one thing, and a page on first aid whose summary says "humain" is not about it. Measured
# on the judged queries (nDCG@10, Elasticsearch): 1 to 2 changes no language by more than
# 0.004 (zh-hans up, ar down); 3 costs ar and fr 0.006.
NAMED_PHRASE = 2.0
RESCORE_WINDOW = 400  # the first hits whose order the full ranking decides

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
        **ranked(query, query.language, sort, offset + limit, selected),
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
    translated = dataclasses.replace(
        query.translation(),
        # The translation is in the portal's own words: none of them is a typo.
        held_words=frozenset(fold_word(word) for word in WORD.findall(query.translated)),
    )
    missing = [{"bool": {"must_not": {"term": {"languages": query.language}}}}]
    return {
        "size": limit,
        **ranked(translated, other, "relevance", limit, [], within=missing + selected),
        "highlight": highlight(suffix(other)),
        "track_total_hits": True,
        "_source": {"excludes": ["body_*", "headings_*"]},
    }


def ranked(query, language, sort, shown, post_filters, within=()):
    """The `query`, `rescore` and `post_filter` of a search body.

    The query finds (half of the words, their starts, typos) and gives a first order;
    the rescore then adds, for the first RESCORE_WINDOW pages of that order only, what
    decides between close pages: most and every word, and the words together. Their
    sum is the score one query of all the clauses gives, but the costly clauses read a
    few hundred pages, not every page holding one of the words (at 100,000 documents,
    a third of the time). A page outside the window keeps its first score: it would
    have to trail hundreds of pages on the finding words and still win on the others.
    Sorted by date there is no rescoring: the clauses go into the query.

    The post filter holds the selected facets and, as a clause that filters nothing,
    the every-word test named for `matched_queries` (a hit without it is partial):
    named clauses in a rescore are not reported, and as a filter it is only tried on
    the hits shown."""
    finding, ordering, strong = text_query(query, suffix(language))
    parts = {
        "post_filter": {
            "bool": {
                "filter": post_filters or [{"match_all": {}}],
                "should": strong,
                "minimum_should_match": 0,
            }
        },
    }
    if sort == "date":
        every_clause = {"bool": {"should": [finding, ordering], "minimum_should_match": 1}}
        parts["query"] = scoped_query(query, language, every_clause, within=within)
    else:
        parts["query"] = scoped_query(query, language, finding, within=within)
        rescore_query = scoped_query(query, language, ordering, favour=False)
        parts["rescore"] = {
            "window_size": max(RESCORE_WINDOW, shown),
            "query": {"rescore_query": rescore_query, "query_weight": 1, "rescore_query_weight": 1},
        }
    return parts


def scoped_query(query, language, text=None, favour=True, within=()):
    """The text query within one language; superseded editions sink but stay findable,
    unless the query asks for them or names a year (Query.editions); the kinds of content
    the query names ("a course on ...") come up. `text` is one part of the text query (by
    default the part that finds), `within` more filters."""
    favoured = [{"terms": {"kind": query.kinds, "boost": KIND_BOOST}}] if query.kinds else []
    if text is None:
        text = text_query(query, suffix(language))[0]
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
    filters = [{"term": {"language": language}}, *within]
    positive = {"bool": {"must": text, "filter": filters}}
    if favour:
        positive["bool"]["should"] = favoured
    if query.editions == "any":
        return positive
    if query.editions == "earlier":
        return {
            "function_score": {
                "query": positive,
                "functions": [{"filter": {"term": {"superseded": True}}, "weight": EARLIER}],
                "boost_mode": "multiply",
            }
        }
    return {
        "boosting": {
            "positive": positive,
            "negative": {"term": {"superseded": True}},
            "negative_boost": SUPERSEDED,
        }
    }


def text_query(query, name):
    """What decides the order: the typed words, across title, headings, summary and
    body (most of them count most, fewer count less, each by how rare it is; question
    words do not count, the search analyzer drops them), more where they stand together;
    the same in the alternatives' words, a little lower; typos last, so a misspelt word
    never outranks an exact one.

    In three parts: what finds the pages (half of the words, word starts, words joined,
    close spellings of the words the index does not hold), what orders the best of them
    (most and every word, words together, close spellings of the words it holds), and
    the every-word clauses named for `matched_queries`."""
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

    def every_word(value, boost, name_=None):
        # Matched by every content word: a strong hit.
        named = {"_name": name_} if name_ else {}
        if query.language == "zh-hans":
            # Without spaces, words are unknown: every character, and most pairs.
            characters = {"query": value, "operator": "and"}
            every = {"match": {f"all_{name}.characters": characters}}
            must = [every, words(value, 1.0)]
            return {"bool": {"must": must, "boost": boost, **named}}
        clause = words(value, boost)
        clause["multi_match"].update(operator="and", **named)
        clause["multi_match"].pop("minimum_should_match")
        return clause

    # Each kind of clause counts once, for the wording that matches best: a query with
    # four synonyms must not score the words they share four times over.
    together = NAMED_PHRASE if query.alternatives else 1.0
    # The words clauses read what the query is about; the phrase keeps every word typed.
    subject = " ".join(w for w in text.split() if fold(w) not in query.kind_words) or text
    wordings = [(text, 1.0, ALL_WORDS)] + [
        (searchable_text(alternative, query.language), 0.7, f"{ALL_WORDS}-{number}")
        for number, alternative in enumerate(query.alternatives)
    ]
    worded = [(subject, 1.0, ALL_WORDS)] + wordings[1:]
    ordering = [
        best([words(value, boost) for value, boost, _name in worded]),
        best([phrase(value, boost * together) for value, boost, _name in wordings]),
        best([every_word(value, boost * EVERY_WORD) for value, boost, _name in worded]),
    ]
    strong = [every_word(value, 0.0, name_) for value, _boost, name_ in worded]
    should = []
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

    # The spelling field keeps every word as written: close spellings of a typo, and a
    # little more for the very form typed (and for close forms the stemmer misses). The
    # words that only make a question ("how", "of") are left out: nearly every page holds
    # them, and all but one word must be there. A word the index holds as written is no
    # typo: its spellings do not find pages (they would read its own pages once more, a
    # fifth of them for a common word at 100,000 documents), they only order the best.
    def spelling(words):
        return {
            "match": {
                f"spelling_{name}": {
                    "query": " ".join(words) or text,
                    "fuzziness": "AUTO:5,8",
                    "prefix_length": 1,
                    "max_expansions": 20,
                    # A misspelt word among right ones: all but one word must be there.
                    "minimum_should_match": "1<-1",
                    "boost": 0.05,
                }
            }
        }

    spelt = [word for word in text.split() if not is_question_word(word, query.language)]
    held = [word for word in spelt if is_held(word, query.held_words)]
    unknown = [word for word in spelt if word not in held]
    if unknown or not held:
        should.append(spelling(unknown))
    if held:
        ordering.append(spelling(held))
    # Half of the words, each weighed by how rare it is: a page with the two telling
    # words of "can data be shared with immigration" is found, and not left behind the
    # pages with the three common ones. In Chinese, half of the pairs of characters of
    # a long query (a short one needs them all: one shared pair is not a match).
    # A wording that keeps some of the typed words ("how to spot a victim of
    # trafficking") is searched by the words it adds ("spot"), most of them, as the
    # typed words are: half of all of its words would read every page holding one
    # typed word once more.
    typed = set(text.casefold().split())
    half = "3<50%" if query.language == "zh-hans" else "1<50%"
    some_words = []
    for number, (value, boost, _name) in enumerate(wordings):
        own = [word for word in value.split() if word.casefold() not in typed]
        if number == 0 or len(own) == len(value.split()):
            clause = words(value, boost * SOME_WORDS)
            clause["multi_match"]["minimum_should_match"] = half
        elif own:
            clause = words(" ".join(own), boost * SOME_WORDS)
        else:
            continue
        some_words.append(clause)
    should.append(best(some_words))
    return (
        {"bool": {"should": should, "minimum_should_match": 1}},
        {"bool": {"should": ordering, "minimum_should_match": 1}},
        strong,
    )


def is_held(word, held):
    """Whether the index holds the typed `word` as written (`held`: Query.held_words)."""
    parts = [fold_word(part) for part in WORD.findall(word)]
    return held is not None and bool(parts) and all(part in held for part in parts)


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
            "min_word_length": MIN_CORRECTED_LENGTH,
            "max_edits": 2,
        }
    }
