"""What a search returns, whichever engine answered."""

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

FACETS = ("kind", "themes", "audiences", "regions", "languages")


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
    degraded: bool = False  # Elasticsearch unreachable: answered from the database
    error: str = ""
