"""The web app manifest opens the portal in the reader's language; the service worker is
served at the site root with the whole site as its scope, and the base page loads it."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_manifest_starts_in_the_readers_language_and_direction(client):
    manifest = json.loads(client.get("/ar/manifest.webmanifest").content)

    assert manifest["start_url"] == "/ar/"
    assert (manifest["lang"], manifest["dir"]) == ("ar", "rtl")
    assert manifest["short_name"] == "بوابة الحماية"
    assert manifest["icons"][0]["src"].endswith("portal/icon.svg")
    english = json.loads(client.get("/en/manifest.webmanifest").content)
    assert (english["start_url"], english["dir"]) == ("/en/", "ltr")


def test_service_worker_is_served_at_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")

    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert b'addEventListener("fetch"' in response.content


def test_pages_link_the_manifest_and_carry_the_hidden_offline_notice(client, home):
    page = client.get("/fr/").content.decode()

    assert '<link rel="manifest" href="/fr/manifest.webmanifest">' in page
    assert "portal/offline.js" in page
    assert 'data-text="Copie hors ligne du %(date)s"' in page and "hidden" in page


def test_the_offline_page_for_pages_never_opened_is_in_the_readers_language(client, home):
    response = client.get("/ar/offline/")
    page = response.content.decode()

    assert "<h1>أنت غير متصل بالإنترنت</h1>" in page
    assert 'dir="rtl"' in page
    # Public, so the worker may keep it (it keeps nothing private).
    assert "public" in response["Cache-Control"]
    assert b"/offline/" in client.get("/sw.js").content
