"""Synonyms and acronyms editors add in the admin change what the real Elasticsearch finds
from the next search on, with no rebuild, and whether or not it was reachable meanwhile."""

import socket

import pytest

from search import engine
from search.editorial import load_demo_acronyms, load_demo_synonyms
from search.models import Acronym, Synonym
from tests.factories import UserFactory
from tests.search.conftest import written_in

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

SYNONYMS_URL = "/admin/snippets/search/synonym/"
ACRONYMS_URL = "/admin/snippets/search/acronym/"
AVRR = "AVRR, assisted voluntary return and reintegration"


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def return_page(elastic, theme_page):
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
    return elastic.publish(page)


def found(query, language="en"):
    results = engine.search(query, language)
    assert results.engine == "elasticsearch" and not results.degraded
    return [hit.object_id for hit in results.hits]


def test_an_acronym_added_in_the_admin_finds_the_words_it_stands_for_without_a_rebuild(
    client, superuser, elastic, return_page
):
    index_before = elastic.current_index()
    assert found("AVRR") == []

    client.force_login(superuser)
    response = client.post(
        f"{ACRONYMS_URL}add/",
        {
            "language": "en",
            "acronym": "AVRR",
            "meaning": "assisted voluntary return and reintegration",
        },
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert any("uses the new synonyms now" in message for message in messages)
    assert found("AVRR") == [return_page.pk]
    assert found("avrr") == [return_page.pk]
    assert elastic.current_index() == index_before  # same index: nothing re-indexed
    # Per language: a French reader typing AVRR is not sent to the English acronym.
    assert found("AVRR", "fr") == []


def test_a_synonym_added_then_deleted_in_the_admin_counts_at_once(client, superuser, return_page):
    client.force_login(superuser)
    client.post(f"{SYNONYMS_URL}add/", {"language": "en", "terms": AVRR})
    assert found("AVRR") == [return_page.pk]

    client.post(f"{SYNONYMS_URL}delete/{Synonym.objects.get().pk}/")

    assert found("AVRR") == []


def test_a_synonym_saved_while_elasticsearch_was_unreachable_counts_when_it_answers(
    client, superuser, settings, return_page
):
    reachable = settings.ELASTICSEARCH_URL
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{probe.getsockname()[1]}"
    client.force_login(superuser)
    response = client.post(f"{SYNONYMS_URL}add/", {"language": "en", "terms": AVRR}, follow=True)
    assert response.status_code == 200 and Synonym.objects.count() == 1

    settings.ELASTICSEARCH_URL = reachable

    assert found("AVRR") == [return_page.pk]


def test_the_words_typed_find_the_acronym_too(elastic, theme_page):
    page = elastic.publish(
        written_in(theme_page, {"en": ("Return desk", "What AVRR offers.", "Counselling.")})
    )
    Acronym.objects.create(
        language="en", acronym="AVRR", meaning="assisted voluntary return and reintegration"
    )
    from search import vocabulary

    vocabulary.forget()

    assert found("assisted voluntary return and reintegration") == [page.pk]


def test_the_demo_synonyms_and_acronyms_apply_in_every_language(
    elastic, theme_page, django_capture_on_commit_callbacks
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
    elastic.publish(page)

    with django_capture_on_commit_callbacks(execute=True):
        load_demo_synonyms()
        load_demo_acronyms()

    assert found("ARVR", "fr") == [page.pk]
    assert found("RVAR", "es") == [page.pk]
    assert found("ПДВР", "ru") == [page.pk]
    for language in ("en", "ar", "zh-hans"):
        assert found("AVRR", language) == [page.pk], language


def test_an_acronym_finds_a_page_with_half_of_the_words_it_stands_for(elastic, theme_page):
    """Half of the words is searched for the typed query and for wholly other wordings
    (what an acronym stands for), not for synonyms that keep some of the typed words."""
    page = elastic.publish(
        written_in(theme_page, {"en": ("Going home", "Voluntary return, step by step.", "Plan.")})
    )
    Acronym.objects.create(
        language="en", acronym="AVRR", meaning="assisted voluntary return and reintegration"
    )
    from search import vocabulary

    vocabulary.forget()
    results = engine.search("AVRR", "en")

    assert [hit.object_id for hit in results.hits] == [page.pk]
    assert results.hits[0].partial  # labelled "Not all of your words"
