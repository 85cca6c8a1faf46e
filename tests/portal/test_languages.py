"""The home page in each of the six languages: prefix, lang/dir, alternates, switcher."""

import re

import pytest

from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_is_served_in_each_language_with_its_lang_and_direction(client, home, code):
    response = client.get(f"/{code}/")

    html = response.content.decode()
    assert response.status_code == 200
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert f"<h1>Home [{code}]</h1>" in html


def test_bare_root_sends_the_reader_to_their_browser_language(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_every_language_version_is_announced_as_an_alternate(client, home):
    html = client.get("/en/").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates == {code: f"http://testserver/{code}/" for code in LANGUAGE_CODES}


def test_language_switcher_links_to_the_same_page_named_in_its_own_language(client, home):
    html = client.get("/ar/").content.decode()

    nav = html.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    # Each name in its own language and direction, inside the Arabic page.
    assert '<a href="/fr/" hreflang="fr" lang="fr" dir="ltr">français</a>' in nav
    assert '<a href="/zh-hans/" hreflang="zh-hans" lang="zh-hans" dir="ltr">简体中文</a>' in nav
    assert 'href="/ar/" hreflang="ar" lang="ar" dir="rtl" aria-current="true"' in nav


def test_switcher_marks_a_language_the_page_is_not_translated_into(client, home):
    home.title_ru = ""
    home.save_revision().publish()

    html = client.get("/en/").content.decode()

    assert (
        'lang="ru" dir="ltr">Русский <span class="fallback-mark" lang="en" dir="ltr">'
        "(in English)</span>"
    ) in html
    assert 'hreflang="ru" href=' not in html
