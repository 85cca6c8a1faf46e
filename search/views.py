"""The search page and its small JSON endpoint for suggestions as you type."""

import functools
import math
from typing import NamedTuple

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from guidance.models import GlossaryPage, GlossaryTerm, ThemePage
from search import analytics, editorial, engine
from search.query import (
    MAX_QUERY_LENGTH,
    defined_term,
    facet_labels,
    glossary_url,
    named_themes,
)
from search.results import FACETS, shown_sections

PER_PAGE = 10
KIND_LABELS = {
    "guidance": _("Guidance"),
    "standard": _("Standard"),
    "tool": _("Tool"),
    "course": _("Course"),
    "lesson": _("Lesson"),
    "document": _("Document"),
}
FACET_LABELS = {
    "kind": _("Type"),
    "themes": _("Theme"),
    "audiences": _("Audience"),
    "regions": _("Region"),
    "languages": _("Available in"),
}


def _page_number(raw):
    try:
        return max(1, min(int(raw), 1000))
    except (TypeError, ValueError):
        return 1


def _facet_options(results, filters):
    names = {
        **facet_labels(translation.get_language()),
        "kind": {key: str(label) for key, label in KIND_LABELS.items()},
        "languages": {
            code: translation.get_language_info(code)["name_local"]
            for code, _name in settings.LANGUAGES
        },
    }
    facets = []
    for facet in FACETS:
        counts = results.facets.get(facet, {})
        options = [
            {
                "value": value,
                "label": names[facet].get(value, value),
                "count": count,
                "selected": value in filters.get(facet, []),
            }  # fmt: skip
            for value, count in counts.items()
            if count or value in filters.get(facet, [])
        ]
        options.sort(key=lambda option: (-option["count"], option["label"]))
        if options:
            facets.append({"name": facet, "label": FACET_LABELS[facet], "options": options})
    return facets


def _closest_themes(query):
    words = {word.casefold() for word in query.split() if len(word) > 2}
    scored = []
    for page in ThemePage.objects.live().public().select_related("theme"):
        text = f"{page.title} {page.theme.summary}".casefold()
        score = sum(1 for word in words if word[:5] in text)
        scored.append((score, page.title, page))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [page for score, _title, page in scored[:3] if score] or [p for *_x, p in scored[:3]]


class Asked(NamedTuple):
    """A reader's search as its address states it."""

    query: str
    shortened: bool  # the query was cut to MAX_QUERY_LENGTH
    filters: dict
    sort: str
    page: int
    other_only: bool  # only what exists in other languages, all of it, page by page


def asked(request):
    """What the request's address asks for, within bounds."""
    # A NUL byte is refused by PostgreSQL wherever the query goes (picks, analytics).
    raw_query = request.GET.get("q", "").replace("\x00", "").strip()
    return Asked(
        query=raw_query[:MAX_QUERY_LENGTH],
        shortened=len(raw_query) > MAX_QUERY_LENGTH,
        filters={facet: request.GET.getlist(facet) for facet in FACETS},
        sort="date" if request.GET.get("sort") == "date" else "relevance",
        page=_page_number(request.GET.get("page")),
        other_only=request.GET.get("scope") == "other",
    )


def send_search(request, language):
    """What the reader asked for and its search, sent to the engine (None without a query).
    Sent once per request: `SendSearchEarly` sends it before the rest of the middleware
    runs and the view takes it from there, or the view sends it itself."""
    sent = getattr(request, "sent_search", None)
    if sent is not None and sent[0] == language:
        return sent[1:]
    search = asked(request)
    pending = None
    if search.query:
        pending = engine.PendingSearch(
            search.query,
            language,
            search.filters,
            search.sort,
            search.page,
            PER_PAGE,
            search.other_only,
        )
    request.sent_search = (language, search, pending)
    return search, pending


@never_cache
@require_GET
def search_page(request):
    language = translation.get_language()
    search, pending = send_search(request, language)
    context = {
        "query": search.query,
        "shortened": search.shortened,
        "sort": search.sort,
        "engine": engine.engine_name(),
        "other_only": search.other_only,
    }
    if pending is not None:
        # What does not depend on the results is worked out while the search runs, and the
        # page is rendered down to its results, which wait for it (search_tags.search_listing).
        recommended = editorial.recommendations(search.query, language, request)
        context["listing"] = functools.partial(_listing, request, pending, search.page, recommended)
        if search.page == 1 and not search.other_only:
            context["definition"] = defined_term(search.query, language)
            context["themes"] = named_themes(search.query, language)
            context["glossary_url"] = glossary_url(language)
    return render(request, "search/search.html", context)


def _listing(request, pending, page, recommended):
    """The results part of the search page's context, once the search has answered."""
    results = pending.results()
    last_page = max(1, math.ceil(results.total / PER_PAGE))
    if page > last_page:  # an old link or a typed number past the end: the last page
        page = last_page
        results = pending.on_page(page).results()
    # Editors' picks come first, on the first page, and are not listed again below.
    editorial.without_recommended(results, recommended)
    recommended = recommended if page == 1 else []
    pages = max(1, math.ceil(results.total / PER_PAGE))
    first_number = (page - 1) * PER_PAGE + 1
    for hit in results.hits + results.english_hits:
        hit.kind_label = KIND_LABELS.get(hit.kind, "")
    sections = shown_sections(results, page, by_relevance=pending.sort == "relevance")
    listing = {
        "results": results,
        "facets": _facet_options(results, pending.filters),
        "page_number": min(page, pages),
        "pages": pages,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < pages else None,
        "first_number": first_number,
        "best_hits": sections.best,
        "more_hits": sections.more,
        "more_number": first_number + len(sections.best),
        "other_hits": sections.other,
        "recommended": recommended,
        "search_log": analytics.track(request, results, recommended, first_number),
    }
    if not results.total and not results.english_total:
        listing["closest_themes"] = _closest_themes(pending.text)
    return listing


@never_cache
@require_GET
def suggest(request):
    """Titles and glossary terms that start like what the reader is typing (JSON)."""
    prefix = request.GET.get("q", "").replace("\x00", "").strip()[:60]
    if len(prefix) < 2:
        return JsonResponse({"suggestions": []})
    language = translation.get_language()
    titles = engine.autocomplete(prefix, language, limit=6)
    suffix = language.replace("-", "_")
    terms = GlossaryTerm.objects.filter(**{f"term_{suffix}__icontains": prefix})[:4]
    glossary_page = GlossaryPage.objects.live().public().first()
    suggestions = [
        {"label": item["title"], "url": item["url"], "kind": item["kind"]} for item in titles
    ]
    if glossary_page is not None:
        base = glossary_page.url
        suggestions += [
            {"label": term.term, "url": f"{base}#{term.anchor}", "kind": "glossary"}
            for term in terms
        ]
    return JsonResponse({"suggestions": suggestions})
