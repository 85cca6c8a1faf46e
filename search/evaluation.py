"""How well search answers the judged queries in tests/search/relevance/.

Each judged query grades the pages that answer it (3 the answer, 2 strong, 1 related) by
their English slug, which never changes with translation. A search is scored on what a
reader sees first: the results in their language, then the section of content not yet in
it, cut to the first ten. bench/relevance.py prints these figures for both engines, and a
test keeps them above a floor.
"""

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from wagtail.models import Page

from search.results import shown_sections

RELEVANCE_DIR = Path(settings.BASE_DIR) / "tests" / "search" / "relevance"
DEPTH = 10


@dataclass
class Judged:
    language: str
    text: str
    type: str
    grades: dict  # English slug -> 1, 2 or 3


@dataclass
class Score:
    language: str
    queries: int = 0
    ndcg: float = 0.0  # mean nDCG@10
    precision: float = 0.0  # mean P@3: share of the first three that are relevant
    no_relevant: int = 0  # queries with nothing relevant in the first ten
    misses: list = field(default_factory=list)  # (query, nDCG, what came first)


def judged_queries(language=None):
    queries = []
    for path in sorted(RELEVANCE_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if language and data["language"] != language:
            continue
        for item in data["query"]:
            grades = {key: int(grade) for key, grade in item.get("grades", {}).items()}
            queries.append(Judged(data["language"], item["text"], item.get("type", ""), grades))
    return queries


def english_slugs(page_ids):
    pages = Page.objects.filter(pk__in=page_ids)
    field_name = "slug_en" if hasattr(Page, "slug_en") else "slug"
    return dict(pages.values_list("pk", field_name))


def shown_order(results):
    """The hits of the first page in the order the search page shows them."""
    sections = shown_sections(results)
    return sections.best + sections.other + sections.more


def ranked_keys(results, depth=DEPTH):
    """The English slugs of what the reader sees first, in order (documents by id)."""
    hits = shown_order(results)[:depth]
    slugs = english_slugs([hit.object_id for hit in hits if hit.object_type == "page"])
    keys = []
    for hit in hits:
        if hit.object_type == "page":
            keys.append(slugs.get(hit.object_id, f"page:{hit.object_id}"))
        else:
            keys.append(f"{hit.object_type}:{hit.object_id}")
    return keys


def dcg(gains):
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg(keys, grades, depth=DEPTH):
    ideal = dcg(sorted(grades.values(), reverse=True)[:depth])
    if not ideal:
        return 0.0
    seen, gains = set(), []
    for key in keys[:depth]:
        gains.append(0 if key in seen else grades.get(key, 0))  # a page counts once
        seen.add(key)
    return dcg(gains) / ideal


def precision(keys, grades, depth=3):
    return sum(1 for key in keys[:depth] if grades.get(key, 0) > 0) / depth


def evaluate(search, languages=None):
    """{language: Score} for `search(text, language) -> SearchResults` over the set."""
    scores = {}
    for judged in judged_queries():
        if languages and judged.language not in languages:
            continue
        keys = ranked_keys(search(judged.text, judged.language))
        score = scores.setdefault(judged.language, Score(judged.language))
        value = ndcg(keys, judged.grades)
        score.queries += 1
        score.ndcg += value
        score.precision += precision(keys, judged.grades)
        if not any(judged.grades.get(key, 0) for key in keys[:DEPTH]):
            score.no_relevant += 1
        if value < 0.5:
            score.misses.append((judged.text, round(value, 2), keys[:3]))
    for score in scores.values():
        score.ndcg = round(score.ndcg / score.queries, 3)
        score.precision = round(score.precision / score.queries, 3)
    return scores
