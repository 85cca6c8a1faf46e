"""The database engine: the embedded default, and the fallback while Elasticsearch is down.

It searches SearchEntry (one row per object and language) with Wagtail's database
backend. SQLite's full-text index has no stemming, no per-field weighting and no
typo tolerance, so this engine matches whole words as written (Chinese: character
sequences anywhere in the text); the search page says so.
"""

import re

from django.db.models import Q
from django.utils.html import escape

from wagtail.search.backends import get_search_backend

from search.models import SearchEntry
from search.results import FACETS, Hit, SearchResults

WORD = re.compile(r"\w+", re.UNICODE)
# Chinese (and Japanese/Korean) script: written without spaces, so a full-text index
# sees a whole sentence as one word. These runs are matched as substrings instead.
CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
MAX_MATCHES = 2000


def query_words(query):
    return [word.casefold() for word in WORD.findall(query)][:20]


def mark(text, words, limit=None):
    """Escape `text` and wrap the query's words in <mark>; cut to a window around the first."""
    if limit and len(text) > limit:
        folded = text.casefold()
        first = min((folded.find(w) for w in words if folded.find(w) >= 0), default=0)
        start = max(0, first - limit // 3)
        text = ("…" if start else "") + text[start : start + limit] + "…"
    html = escape(text)
    for word in sorted(set(words), key=len, reverse=True):
        if len(word) < 2:
            continue
        boundary = "" if CJK.search(word) else r"(?<![\w>])"
        html = re.sub(
            rf"{boundary}{re.escape(escape(word))}",
            lambda match: f"<mark>{match.group(0)}</mark>",
            html,
            flags=re.IGNORECASE,
        )
    return html


def _values(entry, facet):
    if facet == "kind":
        return [entry.kind]
    return (getattr(entry, facet) or "").split()


def _matches(entry, filters, skip=None):
    return all(
        set(_values(entry, facet)) & set(values)
        for facet, values in filters.items()
        if values and facet != skip
    )


def _search(words, language):
    # Only the words reach the backend: quotes, colons, NUL and a thousand terms mean
    # something (or fail) in SQLite's and PostgreSQL's full-text syntax.
    queryset = SearchEntry.objects.filter(language=language)
    if any(CJK.search(word) for word in words):
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
            )
        return list(queryset.order_by("-date", "pk")[:MAX_MATCHES])
    backend = get_search_backend()
    return list(backend.search(" ".join(words), queryset, operator="and")[:MAX_MATCHES])


def _hit(entry, words, english_only=False):
    return Hit(
        object_type=entry.target_type,
        object_id=entry.target_id,
        kind=entry.kind,
        language=entry.language,
        url=entry.url,
        title_html=mark(entry.title, words),
        snippet_html=mark(entry.summary or entry.body, words, limit=240),
        date=entry.date,
        english_only=english_only,
        superseded=entry.superseded,
        languages=entry.languages.split(),
    )


def search(query, filters, sort, offset, limit, fallback_limit=10):
    language = query.language
    words = query_words(query.text)
    results = SearchResults(query=query.text, language=language, engine="database")
    if not words:
        return results
    entries = _search(words, language)
    seen = {entry.pk for entry in entries}
    for alternative in query.alternatives:
        more = _search(query_words(alternative), language)
        entries += [entry for entry in more if entry.pk not in seen]
        seen |= {entry.pk for entry in more}
    matching = [entry for entry in entries if _matches(entry, filters)]
    if sort == "date":
        matching.sort(key=lambda entry: entry.date.isoformat() if entry.date else "", reverse=True)
    results.total = len(matching)
    results.hits = [_hit(entry, words) for entry in matching[offset : offset + limit]]
    results.facets = {
        facet: _count(entry for entry in entries if _matches(entry, filters, skip=facet)).get(
            facet, {}
        )
        for facet in FACETS
    }
    english = query.other_language
    translated = query_words(query.translated)
    if language != english and translated:
        english_entries = [
            entry
            for entry in _search(translated, english)
            if language not in entry.languages.split() and _matches(entry, filters)
        ]
        results.english_total = len(english_entries)
        results.english_hits = [
            _hit(entry, translated, english_only=True) for entry in english_entries[:fallback_limit]
        ]
    return results


def _count(entries):
    counts = {facet: {} for facet in FACETS}
    for entry in entries:
        for facet in FACETS:
            for value in _values(entry, facet):
                counts[facet][value] = counts[facet].get(value, 0) + 1
    return counts


def autocomplete(prefix, language, limit=8):
    words = query_words(prefix[:60])
    if not words:
        return []
    backend = get_search_backend()
    queryset = SearchEntry.objects.filter(language=language)
    found = backend.autocomplete(" ".join(words), queryset)[:limit]
    return [{"title": entry.title, "url": entry.url, "kind": entry.kind} for entry in found]
