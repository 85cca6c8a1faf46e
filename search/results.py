"""What a search returns, whichever engine answered."""

import re
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from foundation.linguistics import is_cjk

FACETS = ("kind", "themes", "audiences", "regions", "languages")
# A result scoring at least this share of the best one's is among the best matches, which
# come before the content not yet in the reader's language; the rest comes after it. So
# does a result whose title lacks the query's words when the best result in the other
# language has them in its title, or scores over twice as well: a page on informed consent
# that exists only in English answers "информированное согласие" better than the Russian
# standards that mention consent once.
BEST_MATCH_SHARE = 0.5
OTHER_LANGUAGE_SHARE = 0.5
# A title in the reader's language stays above the other language's best match while it
# holds at most this many fewer of the query's words (the reader's own language first).
TITLE_WORDS_BEHIND = 1
# Tools and lessons accompany guidance: the page a form or a lesson comes from answers a
# query better than they do, unless the query asks for them ("template", "training").
# Their scores are multiplied by COMPANION; a kind is asked for by the kinds named.
COMPANION = 0.7
COMPANION_KINDS = {"tool": {"tool"}, "lesson": {"course", "lesson"}}
# A replaced edition's score is multiplied by this when the query asks for the old one
# (Query.editions): enough to put it above the current edition it nearly repeats, not
# above pages that answer the rest of the query far better.
EARLIER = 1.5
# Fewer results than this, on either engine: "did you mean" may offer better words.
WEAK_RESULTS = 3


@dataclass(frozen=True)
class Query:
    """A reader's query as both engines receive it (built by search.query.understand).

    `text` is what the reader typed, cleaned; `alternatives` say the same in other words
    (an acronym's meaning, an editors' synonym, the acronym of typed words), each matched
    as a whole and scored a little below the typed words. `translated` is the query in
    `other_language`, searched among content that does not exist in `language`.
    """

    text: str
    language: str
    alternatives: list = field(default_factory=list)
    other_language: str = "en"
    translated: str = ""
    translated_alternatives: list = field(default_factory=list)  # `alternatives`, translated
    kinds: list = field(default_factory=list)  # kinds of content the query asks for, favoured
    # The typed words that only name those kinds ("form"), weighed as such (query.kind_words).
    kind_words: frozenset = frozenset()
    translated_kind_words: frozenset = frozenset()  # `kind_words`, of the translation
    # The typed words (folded) that the index holds as written; None when not looked up.
    # Typos are looked for among the others only.
    held_words: frozenset | None = None
    # Which editions of a standard come first (query.asked_editions): "current" (a replaced
    # edition sinks below the one replacing it), "earlier" (the query asks for the old
    # one) or "any" (it names a year, which decides).
    editions: str = "current"

    def translation(self):
        """The query as it is searched in `other_language`."""
        return Query(
            text=self.translated,
            language=self.other_language,
            alternatives=self.translated_alternatives,
            kinds=self.kinds,
            kind_words=self.translated_kind_words,
            editions=self.editions,
        )

    @property
    def companions(self):
        """The companion kinds the query does not ask for: they rank a little lower."""
        asked = set(self.kinds)
        return sorted(kind for kind, askers in COMPANION_KINDS.items() if not askers & asked)


@dataclass
class Hit:
    object_type: str
    object_id: int
    kind: str
    language: str
    url: str
    title_html: str  # escaped text with our own <mark> tags only
    snippet_html: str
    date: object = None
    english_only: bool = False
    file_type: str = ""  # documents: "PDF", "DOCX"...
    used_on: list = field(default_factory=list)  # documents: [{"title", "url"}] of live pages
    superseded: bool = False  # an edition a newer one replaces
    languages: list = field(default_factory=list)  # the languages the object exists in
    files: list = field(default_factory=list)  # tools: their downloads
    current_edition: dict = None  # superseded editions: {"title", "url"} of the current one
    partial: bool = False  # matches some of the query's words, not all
    score: float = 0.0  # the engine's relevance score (comparable within one list only)

    def __post_init__(self):
        self.title_html = mark_safe(self.title_html)  # noqa: S308 - built from escaped text
        self.snippet_html = mark_safe(self.snippet_html)  # noqa: S308 - built from escaped text


@dataclass
class SearchResults:
    query: str
    language: str
    engine: str  # "elasticsearch" or "database"
    total: int = 0
    hits: list = field(default_factory=list)
    english_total: int = 0
    english_hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # facet -> {value: count}
    suggestion: str = ""
    translated: str = ""  # the query as searched in `other_language`
    other_language: str = "en"
    editions: str = "current"  # Query.editions: which editions of a standard come first
    degraded: bool = False  # Elasticsearch unreachable: answered from the database
    error: str = ""


@dataclass
class Sections:
    """The results of one page in the order the reader sees them."""

    best: list  # the best matches in the reader's language
    other: list  # content not yet in the reader's language
    more: list  # the other matches in the reader's language


def title_words(hit):
    """How many of the query's words the hit's title holds, as the engines mark them (in
    Chinese, pairs of characters)."""
    words = set()
    for marked in _MARKED.findall(hit.title_html):
        marked = marked.casefold()
        if is_cjk(marked):
            words.update(marked[at : at + 2] for at in range(0, max(len(marked) - 1, 1), 2))
        else:
            words.add(marked)
    return len(words)


_MARKED = re.compile(r"<mark>(.*?)</mark>")


def shown_sections(results, page=1, by_relevance=True):
    """First the best matches in the reader's language, whether or not they hold every
    word (a page about "心理急救" that lacks "如何进行" is still the answer); then, on the
    first page, the content not yet in that language, which answers better than a weak
    match; then the other matches. Sorted by date, or past the first page, one list.
    Scores are compared within one engine's answer only."""
    other = list(results.english_hits) if page == 1 else []
    if not by_relevance or page > 1:
        return Sections(list(results.hits), other, [])
    # A superseded edition not in the reader's language neither comes first in its section
    # nor pushes the reader's own results down: the edition that replaced it does, unless
    # the query asks for the old edition or names a year.
    current = other
    if results.editions == "current":
        other.sort(key=lambda hit: hit.superseded)
        current = [hit for hit in other if not hit.superseded]
    top = max((hit.score for hit in results.hits), default=0.0)
    other_top = max((hit.score for hit in current), default=0.0)
    # A title holding the query's words says what a page is about; a body, what it mentions;
    # and a title holding more of them, more: "форма оценки интересов ребёнка" is about the
    # "Best interests assessment form", more than about "Стандарты защиты детей".
    other_words = title_words(current[0]) if current else 0

    def among_best(hit):
        if hit.score < BEST_MATCH_SHARE * top:
            return False
        words = title_words(hit)
        if words and words >= other_words - TITLE_WORDS_BEHIND:
            return True
        return not other_words and hit.score >= OTHER_LANGUAGE_SHARE * other_top

    best = [hit for hit in results.hits if among_best(hit)]
    more = [hit for hit in results.hits if not among_best(hit)]
    return Sections(best, other, more)
