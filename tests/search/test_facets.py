"""Facet counts and totals equal what the database says about the published pages."""

from collections import Counter

import pytest

from guidance.models import Audience, GuidancePage, Region, StandardPage, ToolPage
from search import engine
from tests.factories import StandardPageFactory, ThemeFactory, ToolPageFactory
from tests.search.conftest import written_in

pytestmark = pytest.mark.django_db

KINDS = {GuidancePage: "guidance", StandardPage: "standard", ToolPage: "tool"}
OTHER_LANGUAGES = {
    "fr": ("Résilience", "Résilience."),
    "ar": ("الصمود", "الصمود."),
    "ru": ("Устойчивость", "Устойчивость."),
    "zh-hans": ("韧性", "韧性。"),
}
# kind, themes, audiences, regions, languages besides English
PLAN = [
    (GuidancePage, ["a"], ["officials"], ["sahel"], ["fr"]),
    (GuidancePage, ["a", "b"], ["officials", "trainers"], [], []),
    (StandardPage, ["b"], ["trainers"], ["balkans"], ["fr", "ar"]),
    (ToolPage, ["a"], [], ["sahel", "balkans"], ["ru"]),
    (GuidancePage, [], ["officials"], ["balkans"], ["zh-hans"]),
    (ToolPage, ["b"], ["officials"], ["sahel"], []),
    (StandardPage, ["a"], ["officials"], ["sahel"], ["fr"]),
]
FACTORIES = {
    GuidancePage: None,  # written_in's default
    StandardPage: StandardPageFactory,
    ToolPage: ToolPageFactory,
}
FILTERS = [
    {},
    {"themes": ["a"]},
    {"themes": ["a"], "kind": ["guidance", "tool"]},
    {"audiences": ["officials"], "regions": ["sahel", "balkans"]},
    {"languages": ["fr"], "themes": ["b"]},
    {"kind": ["standard"], "audiences": ["trainers"], "regions": ["balkans"], "languages": ["ar"]},
    {"regions": ["nowhere"]},
]


def facet_values(page):
    """What the database says about a page, in facet terms."""
    return {
        "kind": [KINDS[type(page)]],
        "themes": [theme.key for theme in page.themes.all()],
        "audiences": [item.key for item in page.audiences.all()],
        "regions": [item.key for item in page.regions.all()],
        "languages": page.languages,
    }


def selected(values, filters, skip=None):
    return all(
        set(values[facet]) & set(chosen)
        for facet, chosen in filters.items()
        if chosen and facet != skip
    )


def truth(pages, filters):
    """Total and counts per facet value: each facet counted under the *other* filters."""
    described = [facet_values(page.specific) for page in pages]
    counts = {}
    for facet in ("kind", "themes", "audiences", "regions", "languages"):
        counter = Counter(
            value
            for values in described
            if selected(values, filters, skip=facet)
            for value in values[facet]
        )
        counts[facet] = dict(counter)
    total = sum(1 for values in described if selected(values, filters))
    return total, counts


@pytest.fixture
def library(search_engine, theme_page):
    """The plan's pages, published, all about resilience; plus two that must not count."""
    themes = {"a": theme_page.theme, "b": ThemeFactory(key="b")}
    theme_page.theme.key = "a"
    theme_page.theme.save()
    audiences = {
        key: Audience.objects.create(key=key, title=key) for key in ("officials", "trainers")
    }
    regions = {key: Region.objects.create(key=key, title=key) for key in ("sahel", "balkans")}
    published = []
    for number, (model, theme_keys, audience_keys, region_keys, languages) in enumerate(PLAN):
        translations = {"en": (f"Resilience {number}", "Resilience.", "Resilience.")}
        for code in languages:
            title, summary = OTHER_LANGUAGES[code]
            translations[code] = (f"{title} {number}", summary, summary)
        factory = FACTORIES[model]
        page = written_in(theme_page, translations, **({"factory": factory} if factory else {}))
        page.themes.set([themes[key] for key in theme_keys])
        page.audiences.set([audiences[key] for key in audience_keys])
        page.regions.set([regions[key] for key in region_keys])
        published.append(search_engine.publish(page))
    draft = written_in(theme_page, {"en": ("Resilience draft", "Resilience.", "Resilience.")})
    draft.themes.set([themes["a"]])
    draft.save()
    unrelated = written_in(theme_page, {"en": ("Something else", "Other.", "Other.")})
    unrelated.themes.set([themes["a"]])
    search_engine.publish(unrelated)
    return published


def test_counts_and_totals_equal_the_database_truth(library, search_engine):
    for filters in FILTERS:  # one library for every combination: it is slow to build
        total, counts = truth(library, filters)

        results = engine.search("resilience", "en", filters=filters, per_page=50)

        assert results.engine == search_engine.name
        assert results.total == total, filters
        assert results.facets == counts, filters
        expected = {page.pk for page in library if selected(facet_values(page.specific), filters)}
        assert {hit.object_id for hit in results.hits} == expected, filters


def test_the_search_page_shows_the_counts_and_keeps_the_choices(library, search_engine, client):
    total, counts = truth(library, {"themes": ["a"], "kind": ["guidance", "tool"]})

    response = client.get(
        "/en/search/", {"q": "resilience", "themes": "a", "kind": ["guidance", "tool"]}
    )

    page_html = response.content.decode()
    assert f"{total} results for “resilience”" in page_html
    assert (
        f'name="kind" value="guidance" checked> Guidance <span class="count">'
        f"({counts['kind']['guidance']})</span>" in page_html
    )
    assert (
        f'name="kind" value="standard"> Standard <span class="count">'
        f"({counts['kind']['standard']})</span>" in page_html
    )
    assert (
        f'name="themes" value="b"> {library[1].themes.get(key="b").title} '
        f'<span class="count">({counts["themes"]["b"]})</span>' in page_html
    )
