"""Synonyms editors add in the admin reach the real Elasticsearch at once, with no rebuild,
and those saved while it was unreachable arrive with the next flush."""

import socket

import pytest

from search import engine
from search.editorial import load_demo_synonyms
from search.models import PendingIndexUpdate, Synonym
from tests.factories import UserFactory
from tests.search.conftest import written_in

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

SYNONYMS_URL = "/admin/snippets/search/synonym/"
AVRR = "AVRR, assisted voluntary return and reintegration"


@pytest.fixture
def synonyms_restored(elastic):
    """The index is shared by the whole run: start and leave it with no synonyms."""
    elastic.apply_synonyms()  # this test's database has none
    yield elastic
    Synonym.objects.all().delete()
    elastic.apply_synonyms()


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def return_page(synonyms_restored, theme_page):
    """A published page that says "assisted voluntary return and reintegration", never AVRR."""
    page = written_in(
        theme_page,
        {
            "en": (
                "Going home safely",
                "Assisted voluntary return and reintegration.",
                "Counselling before departure.",
            )
        },
    )
    return synonyms_restored.publish(page)


def found(query, language="en"):
    results = engine.search(query, language)
    assert results.engine == "elasticsearch" and not results.degraded
    return [hit.object_id for hit in results.hits]


def test_an_acronym_added_in_the_admin_finds_the_words_it_stands_for_without_a_rebuild(
    client, superuser, synonyms_restored, return_page
):
    index_before = synonyms_restored.current_index()
    assert found("AVRR") == []

    client.force_login(superuser)
    response = client.post(f"{SYNONYMS_URL}add/", {"language": "en", "terms": AVRR}, follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert any("uses the new synonyms now" in message for message in messages)
    assert found("AVRR") == [return_page.pk]
    assert found("avrr") == [return_page.pk]
    assert synonyms_restored.current_index() == index_before  # same index: nothing re-indexed
    assert synonyms_restored.count() == 1
    # Per language: a French reader typing AVRR is not sent to the English synonym.
    assert Synonym.objects.get().language == "en"


def test_deleting_the_synonym_in_the_admin_takes_it_away_at_once(
    client, superuser, synonyms_restored, return_page
):
    synonym = Synonym.objects.create(language="en", terms=AVRR)
    synonyms_restored.apply_synonyms()
    assert found("AVRR") == [return_page.pk]

    client.force_login(superuser)
    client.post(f"{SYNONYMS_URL}delete/{synonym.pk}/")

    assert found("AVRR") == []


def test_a_synonym_saved_while_elasticsearch_was_unreachable_arrives_with_the_next_flush(
    client, superuser, settings, synonyms_restored, return_page
):
    reachable = settings.ELASTICSEARCH_URL
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{probe.getsockname()[1]}"
    client.force_login(superuser)
    client.post(f"{SYNONYMS_URL}add/", {"language": "en", "terms": AVRR})
    assert PendingIndexUpdate.objects.filter(target_type=engine.SYNONYMS).exists()

    settings.ELASTICSEARCH_URL = reachable
    assert found("AVRR") == []  # still the previous synonyms
    engine.flush_pending(force=True)

    assert found("AVRR") == [return_page.pk]
    assert not PendingIndexUpdate.objects.exists()


def test_the_demo_synonyms_apply_in_every_language(
    synonyms_restored, theme_page, django_capture_on_commit_callbacks
):
    page = written_in(
        theme_page,
        {
            "en": ("Return", "Assisted voluntary return and reintegration.", "Departure."),
            "fr": ("Retour", "Aide au retour volontaire et à la réintégration.", "Départ."),
            "es": ("Retorno", "Retorno voluntario asistido y reintegración.", "Salida."),
            "ru": ("Возвращение", "Помощь в добровольном возвращении и реинтеграции.", "Отъезд."),
            "ar": ("العودة", "العودة الطوعية المدعومة وإعادة الإدماج.", "المغادرة."),
            "zh-hans": ("返回", "协助自愿返回和重返社会。", "离开。"),
        },
    )
    synonyms_restored.publish(page)

    with django_capture_on_commit_callbacks(execute=True):
        load_demo_synonyms()

    assert found("ARVR", "fr") == [page.pk]
    assert found("RVAR", "es") == [page.pk]
    assert found("ПДВР", "ru") == [page.pk]
    for language in ("en", "ar", "zh-hans"):
        assert found("AVRR", language) == [page.pk], language
