"""Whole pages kept for readers who are not signed in: served again until content changes,
never personal, and cheap to ask again (304)."""

import pytest

from django.core.management import call_command
from django.utils import translation

from guidance.models import GlossaryPage, GlossaryTerm, PageViewCount
from guidance.models.usage import flush_page_views
from tests.conftest import LANGUAGE_CODES, publish
from tests.factories import GuidancePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def in_every_language(page, **fields):
    for code in LANGUAGE_CODES:
        suffix = code.replace("-", "_")
        for name, value in fields.items():
            setattr(page, f"{name}_{suffix}", value.format(code=code))
        setattr(page, f"slug_{suffix}", f"note-{suffix.replace('_', '-')}")
    return page


def url_in(page, code):
    with translation.override(code):
        return page.url


@pytest.fixture
def note(theme_page):
    page = GuidancePageFactory(parent=theme_page)
    in_every_language(page, title="Note [{code}]", summary="First words [{code}].")
    return publish(page)


def test_a_published_edit_shows_at_once_in_every_language(client, note):
    for code in LANGUAGE_CODES:
        client.get(url_in(note, code))
        again = client.get(url_in(note, code))
        assert again["X-Page-Cache"] == "hit"
        assert f"First words [{code}]." in again.content.decode()

    in_every_language(note, summary="Revised words [{code}].")
    publish(note)

    for code in LANGUAGE_CODES:
        html = client.get(url_in(note, code)).content.decode()
        assert f"Revised words [{code}]." in html
        assert "First words" not in html


def test_an_unpublished_page_is_gone_at_once(client, note):
    assert client.get(note.url).status_code == 200

    note.unpublish()

    assert client.get(note.url).status_code == 404


def test_a_theme_renamed_shows_on_the_pages_filed_under_it(client, note, theme_page):
    note.themes.add(theme_page.theme)
    publish(note)
    assert theme_page.theme.title in client.get(note.url).content.decode()
    home_before = client.get("/en/").content.decode()
    assert theme_page.title in home_before

    theme = theme_page.theme
    theme.title = "Border protection"
    theme.save()

    assert "Border protection" in client.get(note.url).content.decode()


def test_a_glossary_definition_edited_shows_on_the_pages_using_the_term(client, home, theme_page):
    term = GlossaryTerm.objects.create(
        key="guardian", term="Guardian", definition="An adult appointed for a child."
    )
    glossary = GlossaryPage(title="Glossary", slug="glossary")
    home.add_child(instance=glossary)
    publish(glossary)
    page = publish(
        GuidancePageFactory(parent=theme_page, body=[("paragraph", "<p>Call the guardian.</p>")])
    )
    assert "An adult appointed for a child." in client.get(page.url).content.decode()
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    term.definition = "A person who speaks for the child."
    term.save()

    html = client.get(page.url).content.decode()
    assert "A person who speaks for the child." in html
    assert "A person who speaks for the child." in client.get(glossary.url).content.decode()


def test_a_signed_in_page_never_reaches_anonymous_readers(client, note):
    user = UserFactory(first_name="Amira")
    client.force_login(user)
    signed_in = client.get(note.url)
    assert "My learning" in signed_in.content.decode()
    assert "X-Page-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"]

    client.logout()
    anonymous = client.get(note.url)

    html = anonymous.content.decode()
    assert anonymous["X-Page-Cache"] == "miss"
    assert "My learning" not in html and "Sign in" in html


def test_a_reader_with_a_session_is_never_served_from_the_cache(client, note):
    client.get(note.url)
    client.force_login(UserFactory())

    html = client.get(note.url).content.decode()

    assert "My learning" in html


def test_asking_again_with_the_etag_answers_304_without_the_page(client, note):
    first = client.get(note.url)

    again = client.get(note.url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert client.get(note.url, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_an_anonymous_guidance_page_sets_no_cookie_and_may_be_cached_briefly(client, note):
    response = client.get(note.url)

    assert not response.cookies
    assert "Set-Cookie" not in response
    assert response["Cache-Control"] == "public, max-age=120"
    assert response["Vary"] == "Accept-Encoding"
    assert response["Last-Modified"]


def test_a_page_is_sent_compressed_to_readers_who_accept_it(client, note):
    plain = client.get(note.url)

    compressed = client.get(note.url, HTTP_ACCEPT_ENCODING="gzip, br")

    assert compressed["Content-Encoding"] == "gzip"
    assert int(compressed["Content-Length"]) < len(plain.content)


def test_search_results_are_never_stored(client, note):
    response = client.get("/en/search/?q=note")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_readers_served_from_the_cache_are_counted_once_each(client, note):
    for _ in range(3):
        client.get(note.url)  # one render, then two from the cache

    assert not PageViewCount.objects.exists()  # nothing written while reading
    assert flush_page_views() == 3
    call_command("flush_page_views", verbosity=0)  # again: nothing more to add

    assert PageViewCount.objects.get(page=note).views == 3


def test_a_reader_with_a_pending_message_gets_the_page_rendered_for_them(client, note):
    client.get(note.url)
    client.cookies["messages"] = "pending"

    response = client.get(note.url)

    assert "X-Page-Cache" not in response


def test_views_wait_in_the_cache_while_another_server_is_flushing(client, note):
    from foundation import page_views

    client.get(note.url)
    page_views.views_cache().add(page_views.LOCK_KEY, "another server")

    assert flush_page_views() == 0  # nothing taken twice

    page_views.views_cache().delete(page_views.LOCK_KEY)
    assert flush_page_views() == 1
    assert PageViewCount.objects.get(page=note).views == 1
