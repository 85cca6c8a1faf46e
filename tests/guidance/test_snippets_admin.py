"""Editors manage taxonomies and the glossary in the admin, per language."""

import csv
import io
import re

import pytest

from django.contrib.auth.models import Group

from foundation.roles import EDITORS, TRANSLATORS
from guidance.models import Audience, GlossaryTerm, Region, ResourceType, Theme
from portal.demo import load_home
from tests.factories import UserFactory
from tests.spreadsheet_payloads import PAYLOADS, spreadsheet_sees

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def test_glossary_list_shows_terms_and_exports_csv(client, superuser):
    GlossaryTerm.objects.create(key="tip", term="Trafficking in persons (TIP)", definition="…")
    client.force_login(superuser)

    listing = client.get("/admin/snippets/guidance/glossaryterm/")
    export = client.get("/admin/snippets/guidance/glossaryterm/?export=csv")

    assert listing.status_code == 200
    assert "Trafficking in persons (TIP)" in listing.content.decode()
    assert export.status_code == 200
    assert "tip,Trafficking in persons (TIP)" in b"".join(export.streaming_content).decode()


def test_theme_edit_form_has_a_field_per_language(client, superuser):
    theme = Theme.objects.create(key="health", title="Health")
    client.force_login(superuser)

    html = client.get(f"/admin/snippets/guidance/theme/edit/{theme.pk}/").content.decode()

    for suffix in ("en", "fr", "es", "ar", "ru", "zh_hans"):
        assert f'name="title_{suffix}"' in html


def test_people_without_admin_access_cannot_reach_the_snippets(client):
    plain = UserFactory()
    client.force_login(plain)

    response = client.get("/admin/snippets/guidance/glossaryterm/")

    assert response.status_code in (302, 403)
    assert "Trafficking" not in response.content.decode()


# Translators change translations only, in snippets as in pages -----------------------

TRANSLATED_SNIPPETS = [
    # (model, its English text field, a second field only editors change)
    ("theme", Theme, {"key": "health", "title": "Health"}, "title"),
    ("audience", Audience, {"key": "police", "title": "Police"}, "title"),
    ("region", Region, {"key": "mena", "title": "Middle East"}, "title"),
    ("resourcetype", ResourceType, {"key": "tool", "title": "Tool"}, "title"),
    (
        "glossaryterm",
        GlossaryTerm,
        {"key": "tip", "term": "Trafficking in persons", "definition": "A crime."},
        "term",
    ),
]


@pytest.fixture
def translator(home):
    load_home()  # the editorial groups and their snippet permissions
    user = UserFactory()
    user.groups.add(Group.objects.get(name=TRANSLATORS))
    return user


def _inputs(html):
    """What the browser posts from the snippet form: every named input, textarea and select
    that is not disabled (browsers never send a disabled field)."""
    data = {}
    for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or "disabled" in tag or 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    return data


@pytest.mark.parametrize("slug,model,values,text", TRANSLATED_SNIPPETS)
def test_translator_sees_english_and_key_locked_in_snippets(
    client, translator, slug, model, values, text
):
    item = model.objects.create(**values)
    client.force_login(translator)

    html = client.get(f"/admin/snippets/guidance/{slug}/edit/{item.pk}/").content.decode()

    english = re.search(rf'<input[^>]*name="{text}_en"[^>]*>', html).group(0)
    key = re.search(r'<input[^>]*name="key"[^>]*>', html).group(0)
    french = re.search(rf'<input[^>]*name="{text}_fr"[^>]*>', html).group(0)
    assert "disabled" in english and "disabled" in key
    assert "disabled" not in french
    assert "Only editors can change this field." in html


@pytest.mark.parametrize("slug,model,values,text", TRANSLATED_SNIPPETS)
def test_translator_posting_english_or_key_changes_only_the_translation(
    client, translator, slug, model, values, text
):
    item = model.objects.create(**values)
    client.force_login(translator)
    url = f"/admin/snippets/guidance/{slug}/edit/{item.pk}/"
    data = _inputs(client.get(url).content.decode())
    data.update({f"{text}_en": "Hijacked", "key": "hijacked", f"{text}_fr": "Traduit"})

    response = client.post(url, data, follow=True)

    item.refresh_from_db()
    assert getattr(item, f"{text}_fr") == "Traduit"
    assert getattr(item, f"{text}_en") == values[text]
    assert item.key == values["key"]
    page = response.content.decode()
    assert "Only editors can change these fields" in page
    assert "Hijacked" not in page


def test_editors_still_change_english_and_keys(client, translator):
    theme = Theme.objects.create(key="health", title="Health")
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    url = f"/admin/snippets/guidance/theme/edit/{theme.pk}/"
    data = _inputs(client.get(url).content.decode())
    data.update({"title_en": "Health care", "key": "health-care"})

    client.post(url, data)

    theme.refresh_from_db()
    assert (theme.title_en, theme.key) == ("Health care", "health-care")

def exported_cells(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_formulas_in_glossary_and_taxonomies_reach_the_csv_export_as_text(client, superuser):
    for number, payload in enumerate(PAYLOADS):
        GlossaryTerm.objects.create(key=f"term-{number}", term=payload, definition=payload)
        Theme.objects.create(key=f"theme-{number}", title=payload, title_fr=payload)
    client.force_login(superuser)

    for url in ("/admin/snippets/guidance/glossaryterm/", "/admin/snippets/guidance/theme/"):
        seen = [spreadsheet_sees(cell) for cell in exported_cells(client, url)]

        assert [kind for kind, _text in seen if kind == "formula"] == [], url
        assert {("text", payload) for payload in PAYLOADS} <= set(seen), url
