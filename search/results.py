"""What a search returns, whichever engine answered."""

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

FACETS = ("kind", "themes", "audiences", "regions", "languages")


@dataclass
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
    degraded: bool = False  # Elasticsearch unreachable: answered from the database
    error: str = ""
