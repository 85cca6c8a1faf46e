"""The database engine: the embedded default, and the fallback while Elasticsearch is down.

The same linguistics as Elasticsearch (foundation.linguistics: folding, Arabic prefixes,
Snowball stems, irregular forms, Chinese character pairs), over an index of our own kept
in two tables, on SQLite and PostgreSQL alike:

- SearchTerm: the terms of each SearchEntry, weighted by field (title > headings >
  summary > body), whether the title holds them, and their first positions; written with
  the entry (search/database_index.py).
- SearchWord: each language's vocabulary, for typo tolerance and "did you mean".
- SearchPair: the pairs of Chinese characters held, to correct a wrong character.

Ranking is BM25 over those weights, with a word of the title counting more on its own
(as Elasticsearch's title boost): pages with all the query's words come before pages with
some, words found next to each other add to the score, superseded editions sink
below current ones, and a misspelt word matches close words of the vocabulary at a lower
score (a wrong Chinese character, the pairs of its correction: search/chinese.py).
Highlights are whole words, found with the offsets of the same analysis (search/highlighting.py).
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from django.conf import settings
from django.db.models import Avg, Count

from foundation import linguistics
from foundation.page_cache import ContentMemo
from search import chinese, highlighting
from search.models import SearchEntry, SearchTerm, SearchWord
from search.query import alternatives
from search.results import COMPANION, EARLIER, FACETS, WEAK_RESULTS, Hit, Query, SearchResults
from search.vocabulary import vocabulary

MAX_QUERY_TERMS = 20
K1, B = 1.2, 0.75  # BM25
ALTERNATIVE = 0.7  # an acronym's meaning or a synonym: a little below the words typed
TYPO = 0.5  # a close word of the vocabulary (a Chinese pair corrected), for one it lacks
ADJACENT = 0.25  # up to this much more when the query's words are found side by side
SUPERSEDED = 0.3  # a replaced edition: still found, below the current one
NAMED_KIND = 1.3  # score factor of the kind of content a query names ("a course on ...")
SOME_WORDS = 0.3  # a result with half of the words, not most: after those with most
# A result with every word typed (or every word of an alternative) counts this much more:
# a bonus, as Elasticsearch's every-word clause is, and no longer a tier above all others.
# As a tier, a long page that mentions each word of a question once somewhere came before
# the page about it that lacks one word ("medical care for undocumented migrants": the
# case management standards before the page on health care regardless of status).
# bench/relevance.py, nDCG@10 on the database engine, tier -> bonus: en 0.894 -> 0.897,
# fr 0.888 -> 0.899, es 0.860 -> 0.872, ar 0.860 -> 0.869, ru 0.858 -> 0.852,
# zh-hans 0.876 -> 0.878 (no bonus at all: 0.897, 0.897, 0.867, 0.867, 0.858, 0.879).
EVERY_WORD = 1.3
# A word of the title counts this much more, beside its weighted occurrences: those level
# off (BM25), so without it five mentions in the body weigh as much as the title does,
# where Elasticsearch multiplies a title match by eight. Measured with bench/relevance.py
# (nDCG@10 on PostgreSQL, before -> after): en 0.856 -> 0.892, fr 0.828 -> 0.878,
# es 0.790 -> 0.851, ar 0.782 -> 0.831, ru 0.837 -> 0.850, zh-hans 0.849 -> 0.861.
IN_TITLE = 3.0


# Searching ------------------------------------------------------------------------------


@dataclass
class Phrasing:
    """The query's terms (or an alternative's), each with the index terms that stand for it."""

    terms: list
    factor: float = 1.0
    text: str = ""
    typed: bool = True  # the words typed, not an alternative
    written: dict = field(default_factory=dict)  # term -> the word typed, folded
    # query term -> [(index term, factor)]: itself, or close words when it is misspelt
    matches: dict = field(default_factory=dict)

    @property
    def needed(self):
        """How many of the terms a result must have: both of two, three in four of more
        (Elasticsearch's "2<75%"), so a long question finds pages that answer most of it.

        Words of one or two letters ("a", "EU", the "pa" of a query cut at 200 characters)
        add to the score but are not required.
        """
        count = self._counted()
        return max(1, count if count <= 2 else int(0.75 * count))

    @property
    def enough(self):
        """How many of the terms a weaker result must have: half (Elasticsearch's "1<50%";
        "3<50%" for Chinese pairs, since one shared pair is not a match). A page with the
        telling word of "période de réflexion" is found, marked as not having every word,
        when no page has both."""
        count = self._counted()
        least = 3 if any(linguistics.is_cjk(term) for term in self.terms) else 1
        return min(self.needed, max(1, count if count <= least else int(0.5 * count)))

    def _counted(self):
        return sum(1 for term in self.terms if len(term) > 2 or linguistics.is_cjk(term))


def _phrasings(query, language):
    texts = [(query.text, 1.0)] + [(text, ALTERNATIVE) for text in query.alternatives or []]
    phrasings = []
    for text, factor in texts:
        written = {}
        for word, term in linguistics.query_words(text or "", language):
            # The words that name the kind wanted are weighed as the kind (NAMED_KIND).
            if not (text == query.text and linguistics.fold(word) in query.kind_words):
                written.setdefault(term, linguistics.fold(word))
        if written:
            terms = list(written)[:MAX_QUERY_TERMS]
            phrasings.append(
                Phrasing(terms, factor, text=text, written=written, typed=text == query.text)
            )
    return phrasings


def _close_words(word, language, limit=3):
    """(distance, word, term) of the vocabulary's words within a typo of `word` (a folded
    word as typed), closest first.

    Like Elasticsearch's "AUTO" fuzziness: none below three letters, one typo up to five,
    two beyond; the first letter is taken as typed, which keeps the comparison to a slice
    of the vocabulary.
    """
    allowed = linguistics.typos_allowed(word)
    if not allowed or linguistics.is_cjk(word) or len(word) > 30:
        return []
    first = word[0]
    candidates = SearchWord.objects.filter(
        language=language, word__gte=first, word__lt=first + "\U0010ffff"
    ).values_list("word", "term")
    close = []
    for shown, term in candidates:
        if abs(len(shown) - len(word)) > allowed or shown == word:
            continue
        distance = Levenshtein.distance(word, shown, score_cutoff=allowed)
        if distance <= allowed:
            close.append((distance, shown, term))
    close.sort()
    return close[:limit]


def _collection(language):
    """How many entries the language has and their average length, for BM25: worked out
    once per content generation (a publish, or `rebuild_search`, changes it)."""
    return _collections.get_many([language], _collections_now)[language]


def _collections_now(languages):
    stats = {language: (1, 1.0) for language in languages}
    rows = (
        SearchEntry.objects.filter(language__in=languages)
        .values("language")
        .annotate(count=Count("pk"), average=Avg("length"))
        .order_by()
    )
    for row in rows:
        stats[row["language"]] = (row["count"] or 1, row["average"] or 1.0)
    return stats


_collections = ContentMemo()


def _postings(terms, language):
    """{term: {entry id: (weight, positions, in title)}} for the index terms given."""
    postings = defaultdict(dict)
    rows = SearchTerm.objects.filter(language=language, term__in=list(terms)).values_list(
        "entry_id", "term", "weight", "positions", "in_title"
    )
    for entry_id, term, weight, positions, in_title in rows:
        postings[term][entry_id] = (weight, positions, in_title)
    return postings


def _resolve(phrasings, language):
    """Fill each phrasing's matches; misspelt words match close words at a lower score, and
    the pairs of a wrong Chinese character the pairs of its correction."""
    wanted = {term for phrasing in phrasings for term in phrasing.terms}
    written = {term: word for phrasing in phrasings for term, word in phrasing.written.items()}
    postings = _postings(wanted, language)
    fuzzy, known = defaultdict(list), vocabulary()
    for term in wanted:
        # A word of the editors' synonyms and acronyms is no typo, though no page may use
        # it ("kids" is not "kinds"): its meaning is searched for as an alternative.
        if term not in postings and not known.knows(written.get(term, term), language):
            close = _close_words(written.get(term, term), language)
            fuzzy[term] = list(dict.fromkeys(close_term for _d, _w, close_term in close))
    for text in dict.fromkeys(phrasing.text for phrasing in phrasings):
        for correction in chinese.correct(text, language, postings):
            for typed, pair in correction.fixed.items():
                if typed in wanted and pair not in fuzzy[typed]:
                    fuzzy[typed].append(pair)
    extra = {close for closes in fuzzy.values() for close in closes} - set(postings)
    if extra:
        postings.update(_postings(extra, language))
    for phrasing in phrasings:
        for term in phrasing.terms:
            if term in postings:
                phrasing.matches[term] = [(term, 1.0)]
            else:
                phrasing.matches[term] = [(close, TYPO) for close in fuzzy.get(term, [])]
    return postings


def _adjacent(phrasing, postings, entry_id, found):
    """The share of neighbouring query terms that are also neighbours in the entry."""
    pairs = list(zip(phrasing.terms, phrasing.terms[1:], strict=False))
    if not pairs:
        return 0.0
    side_by_side = 0
    for first, second in pairs:
        if first not in found or second not in found:
            continue
        before = {int(p) for p in postings[found[first]][entry_id][1].split()}
        after = {int(p) for p in postings[found[second]][entry_id][1].split()}
        if any(position + 1 in after for position in before):
            side_by_side += 1
    return side_by_side / len(pairs)


@dataclass
class Row:
    """What ranking and facets need of an entry (its text is read for the hits shown only)."""

    pk: int
    length: int
    superseded: bool
    date: object
    facets: dict  # facet -> frozenset of values


@dataclass
class Candidate:
    entry: Row
    score: float = 0.0
    complete: bool = False  # has every term of one phrasing
    terms: set = field(default_factory=set)  # the index terms it was found with


def _rank(query, language, filters, sort):
    """The matching entries of `language`, best first (or newest first), with their terms."""
    phrasings = _phrasings(query, language)
    if not phrasings:
        return [], []
    postings = _resolve(phrasings, language)
    entry_ids = {entry_id for found in postings.values() for entry_id in found}
    if not entry_ids:
        return [], []
    count, average = _collection(language)
    kinds = set(query.kinds)
    edition_factor = {"current": SUPERSEDED, "earlier": EARLIER}.get(query.editions, 1.0)
    companions = set(query.companions)
    entries = SearchEntry.objects.filter(pk__in=entry_ids).values_list(
        "pk", "length", "superseded", "date", "kind", "themes", "audiences", "regions", "languages"
    )
    count = max([count, *(len(found) for found in postings.values())])  # a minute old
    idf = {
        term: math.log(1 + (count - len(found) + 0.5) / (len(found) + 0.5))
        for term, found in postings.items()
    }
    # An alternative's word weighs no more than the rarest word typed that pages hold: a
    # rare synonym ("القاصرين", said once in a page on another subject) would outrank the
    # common word typed ("أطفال") in the pages about it. No word typed in any page
    # ("AVRR"): no limit, the alternatives are what finds.
    ceiling = max(
        (
            idf[index_term]
            for phrasing in phrasings
            if phrasing.typed
            for matches in phrasing.matches.values()
            for index_term, _factor in matches
            if index_term in idf
        ),
        default=math.inf,
    )
    candidates = []
    for pk, length, superseded, date, kind, *facets in entries.iterator(chunk_size=2000):
        entry = Row(pk, length, superseded, date, {"kind": frozenset([kind])})
        entry.facets.update(
            (name, frozenset(value.split())) for name, value in zip(FACETS[1:], facets, strict=True)
        )
        norm = K1 * (1 - B + B * entry.length / average)
        best = None
        for phrasing in phrasings:
            score, found = 0.0, {}
            most = math.inf if phrasing.typed else ceiling
            for term in phrasing.terms:
                term_score = None
                for index_term, factor in phrasing.matches.get(term, []):
                    posting = postings.get(index_term, {}).get(entry.pk)
                    if posting is None:
                        continue
                    weight, _positions, in_title = posting
                    counted = weight * (K1 + 1) / (weight + norm) + (IN_TITLE if in_title else 0)
                    value = factor * min(idf[index_term], most) * counted
                    if term_score is None or value > term_score:
                        term_score, found[term] = value, index_term
                score += term_score or 0.0
            if len(found) < phrasing.enough:
                continue
            # Per term, so that a phrasing of more words does not outweigh the words typed.
            adjacent = _adjacent(phrasing, postings, entry.pk, found)
            score *= phrasing.factor * (1 + ADJACENT * adjacent) / len(phrasing.terms)
            if len(found) < phrasing.needed:
                score *= SOME_WORDS
            complete = len(found) == len(phrasing.terms)
            if best is None or (complete, score) > (best.complete, best.score):
                best = Candidate(entry, score, complete, set(found.values()))
        if best is not None:
            if best.complete:
                best.score *= EVERY_WORD
            if entry.superseded:
                best.score *= edition_factor
            if kinds & entry.facets["kind"]:
                best.score *= NAMED_KIND  # "a course on ...": courses come up
            if companions & entry.facets["kind"]:
                best.score *= COMPANION  # a tool or lesson after the guidance it goes with
            candidates.append(best)
    if sort == "date":
        candidates.sort(key=lambda c: (c.entry.date.isoformat() if c.entry.date else "", c.score))
        candidates.reverse()
    else:
        candidates.sort(key=lambda c: (-c.score, c.entry.pk))
    return candidates, phrasings


def _hit(entry, terms, english_only=False):
    return Hit(
        object_type=entry.target_type,
        object_id=entry.target_id,
        kind=entry.kind,
        language=entry.language,
        url=entry.url,
        title_html=highlighting.mark(
            entry.title, highlighting.spans(entry.title, entry.language, terms)
        ),
        snippet_html=highlighting.snippet(entry, terms),
        date=entry.date,
        english_only=english_only,
        superseded=entry.superseded,
        languages=entry.languages.split(),
    )


def _hits(candidates, english_only=False, marked=frozenset()):
    """Hits for ranked candidates, their full text read only now; `marked`: more terms
    to highlight."""
    full = SearchEntry.objects.in_bulk([candidate.entry.pk for candidate in candidates])
    hits = []
    for candidate in candidates:
        if candidate.entry.pk in full:
            hit = _hit(full[candidate.entry.pk], candidate.terms | marked, english_only)
            hit.partial = not candidate.complete
            hit.score = candidate.score
            hits.append(hit)
    return hits


# The search -----------------------------------------------------------------------------


def _failed(entry, filters):
    """The facets whose filter the entry does not pass."""
    return [
        facet for facet, values in filters.items() if values and not entry.facets[facet] & values
    ]


def _filter_and_count(candidates, filters):
    """The candidates that pass every filter, and the facet counts: each facet counted over
    the entries that pass the *other* filters (so choosing a value never hides the rest)."""
    filters = {facet: set(values) for facet, values in filters.items() if facet in FACETS}
    counts = {facet: {} for facet in FACETS}
    passing = []
    for candidate in candidates:
        failed = _failed(candidate.entry, filters)
        if len(failed) > 1:
            continue
        if not failed:
            passing.append(candidate)
        for facet in failed or FACETS:
            facet_counts = counts[facet]
            for value in candidate.entry.facets[facet]:
                facet_counts[value] = facet_counts.get(value, 0) + 1
    return passing, counts


def search(query, filters, sort, offset, limit, fallback_limit=10):
    """Results for a search.results.Query in its language, and the other language's
    results for what does not exist in it."""
    language = query.language
    results = SearchResults(query=query.text, language=language, engine="database")
    candidates, phrasings = _rank(query, language, filters, sort)
    matching, results.facets = _filter_and_count(candidates, filters)
    results.total = len(matching)
    results.hits = _hits(matching[offset : offset + limit], marked=_kind_terms(query))
    corrected = phrasings and any(
        matches and matches[0][1] == TYPO for matches in phrasings[0].matches.values()
    )
    # No result has every word (the best one may lack a word while a weaker one has all).
    top_is_partial = bool(matching) and not any(candidate.complete for candidate in matching)
    if phrasings and (results.total < WEAK_RESULTS or corrected or top_is_partial):
        # As on Elasticsearch: after nothing, or results found only through close words or
        # without all of the words, the words the index lacks are replaced; after a few
        # results, words it holds rarely. Offered only when it finds more than the
        # reader's words did. After partial results found with the words as typed, only
        # one that some page holds every word of: "période de réflexion" finds its page by
        # "réflexion", and "périmé de réflexion" would find nothing better.
        missing = not results.total or corrected or top_is_partial
        suggestion = _suggestion(query.text, language, missing)
        least = 0 if missing else results.total
        typed = {term for phrasing in phrasings for term in phrasing.terms}
        every_word = top_is_partial and matching[0].terms <= typed
        found = suggestion and _count_matching(suggestion, language, filters, every_word)
        if found and found > least:
            results.suggestion = suggestion
    other = query.other_language or settings.LANGUAGE_CODE
    if other != language and query.translated:
        elsewhere, _phrasings_used = _rank(query.translation(), other, filters, sort)
        passing, _counts = _filter_and_count(elsewhere, filters)
        only_there = [c for c in passing if language not in c.entry.facets["languages"]]
        results.english_total = len(only_there)
        results.english_hits = _hits(
            only_there[:fallback_limit],
            english_only=True,
            marked=_kind_terms(query.translation()),
        )
    return results


def _kind_terms(query):
    """The terms of the words that name the kind wanted ("form"): weighed as the kind, not
    as the subject (_phrasings), but marked where a result holds them, as Elasticsearch
    marks them; a title holding them says more of the query (results.title_words)."""
    return frozenset(
        term
        for word, term in linguistics.query_words(query.text or "", query.language)
        if linguistics.fold(word) in query.kind_words
    )


def _count_matching(text, language, filters, every_word=False):
    """How many entries in `language` the words of `text` find, with the same filters and
    the editors' synonyms and acronyms (`every_word`: entries with all of them)."""
    query = Query(text=text, language=language, alternatives=alternatives(text, language))
    candidates, _phrasings = _rank(query, language, filters, "")
    matching = _filter_and_count(candidates, filters)[0]
    return sum(1 for candidate in matching if candidate.complete or not every_word)


def _suggestion(text, language, missing=True):
    """The query with each word the vocabulary lacks (`missing`), or else holds rarely,
    replaced by a close, more frequent word, and each wrong Chinese character corrected;
    "" if there is none. A word that only makes the query a question stays as typed, and
    so does a short one (MIN_CORRECTED_LENGTH, as Elasticsearch's suggester)."""
    typed, text = text, chinese.corrected(text, language)  # the same length
    words = list(linguistics.words(text))
    if not words or len(words) > MAX_QUERY_TERMS:
        return ""
    terms = [linguistics.term(word, language) for word, *_ in words]
    counts = _term_counts(terms, language)
    known = vocabulary()
    closes = [
        []
        if linguistics.is_question_word(word, language)
        or len(word) < linguistics.MIN_CORRECTED_LENGTH
        or (missing and counts.get(term))
        or known.knows(word, language)  # the editors' word for it: "kids", "rape"
        else _close_words(linguistics.fold(word), language)
        for (word, *_offsets), term in zip(words, terms, strict=True)
    ]
    counts.update(_term_counts({close for found in closes for *_x, close in found}, language))
    changed, pieces, position = False, [], 0
    for (word, start, end), term, found in zip(words, terms, closes, strict=True):
        best, held = None, counts.get(term, 0)
        for distance, shown, close in found:
            frequency = counts.get(close, 0)
            if held and distance > linguistics.HELD_WORD_TYPOS:
                continue
            if frequency > held and (best is None or (distance, -frequency) < (best[0], -best[1])):
                best = (distance, frequency, shown)
        pieces.append(text[position:start])
        if best is not None:
            pieces.append(best[2])
            changed = True
        else:
            pieces.append(word)
        position = end
    pieces.append(text[position:])
    changed = changed or text != typed
    return "".join(pieces).strip() if changed else ""


def _term_counts(terms, language):
    """{term: how many entries of `language` hold it}, in one query."""
    if not terms:
        return {}
    rows = SearchTerm.objects.filter(language=language, term__in=list(terms))
    return dict(rows.values_list("term").annotate(count=Count("pk")).order_by())


def _completions(partial, language):
    """Terms of the vocabulary a word being typed may become ("traffi" → "traffick")."""
    folded = linguistics.fold(partial)
    words = SearchWord.objects.filter(
        language=language, word__gte=folded, word__lt=folded + "\U0010ffff"
    )
    return list(dict.fromkeys(words.values_list("term", flat=True)[:500]))


def autocomplete(prefix, language, limit=8):
    """Titles holding the words typed, the last one possibly unfinished."""
    words = [word for word, _start, _end in linguistics.words(prefix[:60])]
    if not words:
        return []
    *complete, partial = words
    title_entries = None
    for word in complete:
        ids = set(
            SearchTerm.objects.filter(
                language=language, term=linguistics.term(word, language), in_title=True
            ).values_list("entry_id", flat=True)
        )
        title_entries = ids if title_entries is None else title_entries & ids
    if linguistics.is_cjk(partial):
        terms = linguistics.terms(partial, language)
    else:
        terms = _completions(partial, language)
    rows = SearchTerm.objects.filter(language=language, term__in=terms[:200], in_title=True)
    ids = set(rows.values_list("entry_id", flat=True))
    if title_entries is not None:
        ids &= title_entries
    found = SearchEntry.objects.filter(pk__in=ids).only("title", "url", "kind")
    ranked = sorted(found, key=lambda entry: (len(entry.title), entry.title))[:limit]
    return [{"title": entry.title, "url": entry.url, "kind": entry.kind} for entry in ranked]
