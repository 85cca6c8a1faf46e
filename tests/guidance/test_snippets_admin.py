"""Editors manage taxonomies and the glossary in the admin, per language."""

import csv
import io

import pytest

from guidance.models import GlossaryTerm, Theme
from tests.factories import UserFactory
from tests.spreadsheet_payloads import PAYLOADS, spreadsheet_sees

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


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
