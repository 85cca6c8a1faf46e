"""What editors tell search: synonyms per language and picks per query, through the admin
and on the search page (database engine, the embedded default)."""

import re
import socket

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

from foundation.roles import EDITORS, REVIEWERS
from search import engine
from search.editorial import DEMO_SYNONYMS, load_demo_synonyms
from search.models import EditorsPick, PendingIndexUpdate, Synonym
from search.query import alternatives
from tests.conftest import publish
from tests.factories import UserFactory
from tests.search.conftest import written_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.embedded,
    pytest.mark.usefixtures("database_engine"),
]

SYNONYMS_URL = "/admin/snippets/search/synonym/"
PICKS_URL = "/admin/snippets/search/editorspick/"


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def member_of(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def messages_in(response):
    return [str(message) for message in response.context["messages"]]


def search_html(client, query, language="en"):
    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


# Synonyms ------------------------------------------------------------------------------


def test_synonyms_are_listed_filtered_by_language_searched_and_exported(client, superuser):
    Synonym.objects.create(language="en", terms="TIP, trafficking in persons")
    Synonym.objects.create(language="fr", terms="TEH, traite des êtres humains")
    client.force_login(superuser)

    french = client.get(SYNONYMS_URL, {"language": "fr"}).content.decode()
    searched = client.get(SYNONYMS_URL, {"q": "trafficking"}).content.decode()
    export = b"".join(client.get(SYNONYMS_URL, {"export": "csv"}).streaming_content).decode()

    assert "TEH, traite des êtres humains" in french
    assert "trafficking in persons" not in french
    assert "TIP, trafficking in persons" in searched
    assert "TEH" not in searched
    assert export.splitlines() == [
        "Language,Terms",
        'en,"TIP, trafficking in persons"',
        'fr,"TEH, traite des êtres humains"',
    ]


def test_a_synonym_added_in_the_admin_counts_at_once_on_the_simple_search(
    client, superuser, theme_page
):
    page = publish(
        written_in(theme_page, {"en": ("First aid", "Psychological first aid.", "Listen.")})
    )
    client.force_login(superuser)
    assert engine.search("PFA", "en").total == 0

    response = client.post(
        f"{SYNONYMS_URL}add/",
        {"language": "en", "terms": "PFA, psychological first aid"},
        follow=True,
    )

    assert any("uses the new synonyms now" in m for m in messages_in(response))
    assert [hit.object_id for hit in engine.search("PFA", "en").hits] == [page.pk]
    assert not PendingIndexUpdate.objects.exists()  # nothing to send to any index


def test_demo_synonyms_cover_readers_words_and_acronyms_in_six_languages_and_load_once():
    assert load_demo_synonyms() == sum(len(rules) for rules in DEMO_SYNONYMS.values())
    assert load_demo_synonyms() == 0

    rules = {}
    for synonym in Synonym.objects.all():
        rules.setdefault(synonym.language, []).append(synonym.as_rule())
    assert sorted(rules) == sorted(["en", "fr", "es", "ar", "ru", "zh-hans"])
    assert all(
        len(language_rules) >= 10 and all(language_rules) for language_rules in rules.values()
    )
    assert "avrr, assisted voluntary return and reintegration" in rules["en"]
    assert "tip, trafficking in persons, human trafficking" in rules["en"]
    assert (
        "arvr, avrr, aide au retour volontaire et à la réintégration, retour volontaire assisté"
        in rules["fr"]
    )
    assert (
        "rvar, avrr, retorno voluntario asistido y reintegración, retorno voluntario asistido"
        in rules["es"]
    )


def test_editors_manage_synonyms_and_picks_and_reviewers_only_look(client, home):
    editor, reviewer = member_of(EDITORS), member_of(REVIEWERS)

    client.force_login(editor)
    added = client.post(
        f"{SYNONYMS_URL}add/", {"language": "es", "terms": "PAP, primeros auxilios"}
    )
    picks = client.get(PICKS_URL)
    client.force_login(reviewer)
    listed = client.get(SYNONYMS_URL)
    refused = client.post(f"{SYNONYMS_URL}add/", {"language": "es", "terms": "VBG, violencia"})

    assert added.status_code == 302 and picks.status_code == 200
    assert listed.status_code == 200 and "PAP, primeros auxilios" in listed.content.decode()
    assert refused.status_code == 302 and refused.url.startswith("/admin/")
    assert list(Synonym.objects.values_list("terms", flat=True)) == ["PAP, primeros auxilios"]


# Editors' picks -------------------------------------------------------------------------


@pytest.fixture
def quarantine_pages(theme_page):
    """Two published pages that both match "quarantine"."""
    first = publish(
        written_in(theme_page, {"en": ("Quarantine logistics", "Quarantine.", "Quarantine.")})
    )
    second = publish(
        written_in(theme_page, {"en": ("Quarantine shelters", "Quarantine.", "Quarantine.")})
    )
    return first, second


def test_a_pick_is_created_in_the_admin_with_its_query_normalised(client, superuser, home):
    client.force_login(superuser)

    response = client.post(
        f"{PICKS_URL}add/",
        {"language": "en", "query": "  Human   TRAFFICKING ", "page": home.pk, "sort_order": 0},
    )

    assert response.status_code == 302
    pick = EditorsPick.objects.get()
    assert (pick.language, pick.query, pick.page_id) == ("en", "human trafficking", home.pk)
    listing = client.get(PICKS_URL, {"language": "en"}).content.decode()
    assert "human trafficking" in listing
    again = client.post(
        f"{PICKS_URL}add/",
        {"language": "en", "query": "HUMAN trafficking", "page": home.pk, "sort_order": 1},
    )
    assert again.status_code == 200  # the form again, with the reason
    assert "already exists" in again.content.decode()
    assert EditorsPick.objects.count() == 1


def test_a_pick_is_shown_first_labelled_and_not_repeated_below(client, quarantine_pages):
    first, second = quarantine_pages
    EditorsPick.objects.create(language="en", query="QUARANTINE  ", page=second)

    html = search_html(client, "Quarantine")

    recommended = re.search(r'<section class="recommended".*?</section>', html, re.S).group(0)
    assert '<h2 id="recommended-heading">Recommended</h2>' in recommended
    assert "Quarantine shelters" in recommended
    assert "Quarantine logistics" not in recommended
    assert html.index("Recommended") < html.index('id="results-heading"')
    below = html[html.index('id="results-heading"') :]
    assert "<mark>Quarantine</mark> logistics" in below
    assert "shelters" not in below  # listed once, as the pick


def test_picks_follow_their_sort_order_and_language(client, quarantine_pages, theme_page):
    first, second = quarantine_pages
    EditorsPick.objects.create(language="en", query="quarantine", page=second, sort_order=2)
    EditorsPick.objects.create(language="en", query="quarantine", page=theme_page, sort_order=1)
    EditorsPick.objects.create(language="fr", query="quarantine", page=first)

    english = search_html(client, "quarantine")
    other_query = search_html(client, "quarantine logistics")

    recommended = re.search(r'<section class="recommended".*?</section>', english, re.S).group(0)
    titles = re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", recommended)
    assert titles == [theme_page.title, "Quarantine shelters"]
    assert 'class="recommended"' not in other_query  # picks are for the exact query only


def test_a_pick_in_french_is_shown_to_french_readers_only(client, quarantine_pages):
    first, _second = quarantine_pages
    EditorsPick.objects.create(language="fr", query="quarantine", page=first)

    assert 'class="recommended"' not in search_html(client, "quarantine", "en")
    assert 'class="recommended"' in search_html(client, "quarantine", "fr")


def test_a_pick_of_a_draft_or_restricted_page_is_never_shown(client, quarantine_pages, theme_page):
    draft = written_in(theme_page, {"en": ("Quarantine draft plan", "Draft.", "Draft.")})
    _first, restricted = quarantine_pages
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    EditorsPick.objects.create(language="en", query="quarantine", page=draft)
    EditorsPick.objects.create(language="en", query="quarantine", page=restricted)

    html = search_html(client, "quarantine")

    assert 'class="recommended"' not in html
    assert "Quarantine draft plan" not in html
    assert "Quarantine shelters" not in html
    assert "<mark>Quarantine</mark> logistics" in html


def test_a_synonym_is_searched_in_the_place_of_the_words_it_stands_for_and_once():
    """The other wordings of a query keep its word order, so that the words stand together
    as typed ("spot a victim"), and none repeats the query or another wording."""
    Synonym.objects.create(language="en", terms="identify, spot")
    Synonym.objects.create(language="en", terms="TIP, trafficking in persons, human trafficking")

    assert alternatives("how to identify a victim", "en") == ["how to spot a victim"]
    # The term and its acronym, as glossary terms give them: swapped as one for each name.
    assert alternatives("Trafficking in persons (TIP) victims", "en") == [
        "TIP victims",
        "human trafficking victims",
        "trafficking in persons victims",
    ]
