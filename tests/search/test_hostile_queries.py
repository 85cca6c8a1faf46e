"""Whatever a reader types, search answers: results or none, never an error or a 500."""

import pytest

from search import engine
from tests.search.conftest import written_in

pytestmark = pytest.mark.django_db

LONG = "protection " * 500  # 5,500 characters
# Queries with the page's word among odd characters: they must still find the page.
WITH_THE_WORD = [
    LONG,
    '"protection',
    'protection"',
    "(protection)",
    "protection:",
    "protection*",
    "\\protection",
    "protection\x00",
    "\u200fprotection\u200e",
    "\u202bprotection\u202c",
    "PROTECTION",
]
# Queries that mean something to a search syntax, or nothing at all: any answer but an error.
ANYTHING = [
    "x" * 5000,
    '"',
    "(",
    "((((",
    ":",
    "*",
    "?",
    "AND",
    "OR NOT",
    "AND OR NOT",
    "protection AND OR NOT",
    "title:protection",
    'title_en:protection OR body_en:"x',
    "protection~2",
    "protection^10",
    "+protection -camp",
    "/prot.*/",
    "prot?ction",
    "[a TO z]",
    "{!lucene}protection",
    '{"query": {"match_all": {}}}',
    '{"query_string": {"query": "*"}}',
    "\x00",
    "a\x00b",
    "😀",
    "😀 protection 🛡️",
    "<b>protection</b>",
    "\u200f\u200e",
    "\u202e",
    "\ufeff",
    " ",
    "\r\n\t",
    "-",
    "'; DROP TABLE search_searchentry; --",
    "%",
    "_",
    "%_%",
    "ـــ",
    "人" * 300,
    "𝐩𝐫𝐨𝐭𝐞𝐜𝐭𝐢𝐨𝐧",
]
LANGUAGES = ["en", "ar", "zh-hans"]


@pytest.fixture
def page(search_engine, theme_page):
    translations = {
        "en": ("Protection at borders", "Protection first.", "Border protection."),
        "ar": ("الحماية على الحدود", "الحماية أولا.", "protection"),
    }
    return search_engine.publish(written_in(theme_page, translations))


def answered(search_engine, query, language):
    results = engine.search(query, language)
    assert results.engine == search_engine.name
    assert not results.degraded  # an Elasticsearch error would show as the fallback
    engine.autocomplete(query, language)
    return results


def test_odd_characters_around_a_word_still_find_it(page, search_engine):
    for query in WITH_THE_WORD:
        results = answered(search_engine, query, "en")
        assert [hit.object_id for hit in results.hits] == [page.pk], repr(query[:40])


def test_search_syntax_and_odd_input_get_an_answer(page, search_engine):
    for language in LANGUAGES:
        for query in ANYTHING:
            results = answered(search_engine, query, language)
            assert results.total == len(results.hits) <= 1, repr(query[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_search_page_and_suggestions_never_fail(page, search_engine, client, language):
    for query in WITH_THE_WORD + ANYTHING:
        response = client.get(f"/{language}/search/", {"q": query})
        suggestions = client.get(f"/{language}/search/suggest/", {"q": query})
        if "\x00" in query:
            # An address with a NUL is refused before any view, with a page that says so.
            assert response.status_code == suggestions.status_code == 400, repr(query[:40])
            assert f'lang="{language}"' in response.content.decode()
            continue
        assert response.status_code == 200, repr(query[:40])
        assert b'id="results-heading"' in response.content or not query.strip(" \r\n\t")
        assert suggestions.status_code == 200, repr(query[:40])
        assert isinstance(suggestions.json()["suggestions"], list)
