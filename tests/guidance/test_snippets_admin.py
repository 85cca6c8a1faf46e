"""Editors manage taxonomies and the glossary in the admin, per language."""

import pytest

from guidance.models import GlossaryTerm, Theme
from tests.factories import UserFactory

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
