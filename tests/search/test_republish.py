"""A page published again: readers find it by its new words and no longer by the ones it
lost, in every language it keeps, on both engines (publishing rewrites only what changed)."""

import io

import pytest

from django.core.management import call_command

from search import engine
from search.models import SearchEntry, SearchTerm
from tests.search.conftest import written_in

pytestmark = pytest.mark.django_db


def found(query, language):
    results = engine.search(query, language)
    return [hit.object_id for hit in results.hits]


@pytest.fixture
def reception(search_engine, theme_page):
    return search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Reception centres", "Where arrivals sleep.", "Blankets and meals."),
                "fr": ("Centres d'accueil", "Où dorment les arrivants.", "Couvertures et repas."),
            },
        )
    )


def test_an_edited_summary_is_found_by_its_new_words_not_its_old_ones(reception, search_engine):
    reception.summary_en = "Where arrivals register."
    search_engine.publish(reception)

    assert found("register", "en") == [reception.pk]
    assert found("sleep", "en") == []
    # The rest of the page, and the language not edited, are found as before.
    assert found("blankets", "en") == [reception.pk]
    assert found("couvertures", "fr") == [reception.pk]
    assert found("dorment", "fr") == [reception.pk]


def test_a_translation_taken_away_is_no_longer_found_in_its_language(reception, search_engine):
    reception.title_fr = reception.summary_fr = ""
    reception.body_fr = []
    search_engine.publish(reception)

    assert found("couvertures", "fr") == []
    assert found("accueil", "fr") == []
    assert found("blankets", "en") == [reception.pk]


@pytest.mark.embedded
def test_a_republish_without_changes_keeps_every_entry_and_term_row(settings, theme_page):
    """Nothing changed, nothing written: the rows (and their ids) stay as they were."""
    settings.ELASTICSEARCH_URL = ""
    page = written_in(
        theme_page,
        {
            "en": ("Reception centres", "Where arrivals sleep.", "Blankets and meals."),
            "fr": ("Centres d'accueil", "Où dorment les arrivants.", "Couvertures et repas."),
        },
    )
    page.save_revision().publish()
    entries = SearchEntry.objects.filter(target_id=page.pk)
    terms = SearchTerm.objects.filter(entry__target_id=page.pk)
    before = set(entries.values_list("pk", "length")), set(terms.values_list("pk", "term"))

    page.save_revision().publish()

    assert len(before[0]) == 2 and len(before[1]) > 10
    assert (set(entries.values_list("pk", "length")), set(terms.values_list("pk", "term"))) == (
        before
    )


@pytest.mark.embedded
def test_a_rebuild_analyses_unchanged_entries_again(settings, theme_page):
    """After the analysis changed, `rebuild_search` rewrites the terms of every entry,
    even of pages nobody edited: here a term row gone stale is found again."""
    settings.ELASTICSEARCH_URL = ""
    page = written_in(theme_page, {"en": ("Reception centres", "Where arrivals sleep.", "")})
    page.save_revision().publish()
    SearchTerm.objects.filter(entry__target_id=page.pk, term__startswith="sleep").update(
        term="slept-under-an-older-analysis"
    )
    assert found("sleep", "en") == []

    call_command("rebuild_search", "--database-only", stdout=io.StringIO(), stderr=io.StringIO())

    assert found("sleep", "en") == [page.pk]
