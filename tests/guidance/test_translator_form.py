"""What the page form does for translations: fields labelled by language, typed in that
language's direction, and slugs in Latin letters that keep their published address.

In the admin a translator works in the translation workspace; a translator who posts the
form by hand meets the same form, limited to the translations."""

import re

import pytest

from django.urls import reverse

from tests.conftest import publish
from tests.guidance.conftest import edit_form_html
from tests.guidance.test_editorial import form_data

pytestmark = pytest.mark.django_db


def test_translations_are_labelled_by_language_and_arabic_is_typed_right_to_left(
    client, editor, english_page
):
    from wagtail.users.models import UserProfile

    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    html = client.get(edit_url).content.decode()

    title_ar = re.search(r'<input[^>]*name="title_ar"[^>]*>', html).group(0)
    summary_ru = re.search(r'<textarea[^>]*name="summary_ru"[^>]*>', html).group(0)
    assert 'dir="rtl"' in title_ar and 'lang="ar"' in title_ar
    assert 'dir="ltr"' in summary_ru and 'lang="ru"' in summary_ru
    # An optional translation does not claim to be required.
    assert "Page title*" not in title_ar
    assert "Optional: readers see the English until this is filled" in title_ar
    assert re.search(r'for="id_title_ar"[^>]*>\s*<span[^>]*>Title \(Arabic\)</span>', html)
    assert "Title [ar]" not in html

    # An editor working in French reads the labels in French.
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    html = client.get(edit_url).content.decode()
    assert re.search(r'for="id_title_ar"[^>]*>\s*<span[^>]*>Titre \(arabe\)</span>', html)


def test_translated_slugs_are_latin_letters_readers_can_type(client, translator, english_page):
    client.force_login(translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    data = form_data(edit_form_html(english_page), {})
    # The admin's script copies each title into its slug as it is typed.
    data.update(
        {
            "title_ar": "فحص المهاجرين",
            "slug_ar": "فحص-المهاجرين",
            "title_ru": "Проверка мигрантов",
            "slug_ru": "",
            "title_zh_hans": "移民筛查",
            "slug_zh_hans": "移民筛查",
            "title_fr": "Dépistage",
            "slug_fr": "depistage-des-migrants",
        }
    )

    response = client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    english_page.refresh_from_db()
    draft = english_page.get_latest_revision_as_object()
    assert draft.slug_ar == "fhs-lmhjryn"
    assert draft.slug_ru == "proverka-migrantov"
    assert draft.slug_zh_hans == "yi-min-shai-cha"
    assert draft.slug_fr == "depistage-des-migrants"  # typed by the translator, kept


def test_a_published_slug_keeps_its_address(client, translator, english_page):
    english_page.title_ar = "فحص"
    english_page.slug_ar = "فحص"
    publish(english_page)
    client.force_login(translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    data = form_data(edit_form_html(english_page), {})
    data.update({"title_ar": "فحص المهاجرين الجدد"})

    response = client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    english_page.refresh_from_db()
    draft = english_page.get_latest_revision_as_object()
    assert (draft.title_ar, draft.slug_ar) == ("فحص المهاجرين الجدد", "فحص")
