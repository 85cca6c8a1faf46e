"""The glossary page, and glossary terms linked from the guidance that uses them."""

import pytest

from django.utils import translation

from guidance.models import GlossaryPage, GlossaryTerm
from tests.conftest import publish
from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def glossary(home):
    GlossaryTerm.objects.create(
        key="avrr",
        term_en="Assisted voluntary return and reintegration (AVRR)",
        definition_en="Support for migrants who decide freely to go home.",
        term_fr="Aide au retour volontaire et à la réintégration (ARVR)",
        definition_fr="Soutien aux migrants qui décident librement de rentrer.",
    )
    GlossaryTerm.objects.create(
        key="guardian",
        term_en="Guardian",
        definition_en="An adult appointed for a child.",
        term_ar="الوصي",
        definition_ar="شخص بالغ يعيَّن للطفل.",
    )
    GlossaryTerm.objects.create(
        key="children",
        term_en="Unaccompanied child",
        definition_en="A child alone.",
        term_ar="الطفل غير المصحوب",
        definition_ar="طفل وحيد.",
    )
    page = GlossaryPage(title="Glossary", slug="glossary", slug_fr="glossaire")
    page.title_fr = "Glossaire"
    home.add_child(instance=page)
    return publish(page)


def test_glossary_page_lists_every_term_in_the_readers_language(client, glossary):
    with translation.override("fr"):
        url = glossary.url

    html = client.get(url).content.decode()

    assert '<div class="glossary__entry" id="term-avrr">' in html
    assert "<dt>Aide au retour volontaire et à la réintégration (ARVR)</dt>" in html
    assert "<dt>Guardian</dt>" in html  # no French yet: the English term stands in


def terms_section(html):
    return html.split('<section class="terms"', 1)[1].split("</section>", 1)[0]


def test_guidance_lists_the_terms_it_uses_by_name_acronym_or_other_form(
    client, glossary, theme_page
):
    page = GuidancePageFactory(
        parent=theme_page,
        summary="Counselling before AVRR.",
        body=[("paragraph", "<p>Children travel with their guardians' list.</p>")],
    )
    publish(page)

    html = client.get(page.url).content.decode()

    terms = terms_section(html)
    assert f'href="{glossary.url}#term-avrr"' in terms
    assert '<div id="term-guardian"><dt>' in terms  # "guardians'": the same word
    assert "Unaccompanied child" not in terms


def test_each_term_is_linked_at_its_first_use_to_its_definition_on_the_page(
    client, glossary, theme_page
):
    page = GuidancePageFactory(
        parent=theme_page,
        body=[
            ("heading", "Who is a guardian"),
            (
                "paragraph",
                '<p>Ask for the <a href="/x/">guardian</a> form. A guardian &amp; a '
                "<b>child</b>: the guardian signs.</p>",
            ),
        ],
    )
    publish(page)

    html = client.get(page.url).content.decode()

    body = html.split('<div class="body">', 1)[1].split('<section class="terms"', 1)[0]
    link = '<a class="glossary-link" href="#term-guardian">guardian</a>'
    assert body.count(link) == 1  # the first use only
    assert f"A {link} &amp; a <b>child</b>: the guardian signs." in body
    assert '<a href="/x/">guardian</a>' in body  # never inside a link or a heading
    assert '<div id="term-guardian">' in terms_section(html)


def test_arabic_terms_are_found_with_attached_prefixes_and_without_hamza(
    client, glossary, theme_page
):
    page = GuidancePageFactory(parent=theme_page, body=[("paragraph", "<p>x</p>")])
    page.title_ar, page.summary_ar, page.slug_ar = "الأطفال", "ملخص.", "atfal"
    page.body_ar = [("paragraph", "<p>يرافق الوصي وللطفل غير المصحوب مترجم.</p>")]
    publish(page)
    with translation.override("ar"):
        url = page.url

    html = client.get(url).content.decode()

    assert '<a class="glossary-link" href="#term-guardian">الوصي</a>' in html
    assert '<a class="glossary-link" href="#term-children">وللطفل غير المصحوب</a>' in html
    terms = terms_section(html)
    assert "<dd>شخص بالغ يعيَّن للطفل.</dd>" in terms and "<dd>طفل وحيد.</dd>" in terms


def test_a_term_of_several_words_is_found_in_the_order_a_translation_gives_them(glossary):
    from guidance.models.glossary import terms_used_in

    GlossaryTerm.objects.create(
        key="best-interests",
        term_en="Best interests of the child",
        term_ar="مصالح الطفل الفضلى",
        definition_en="…",
    )

    found = terms_used_in("<p>تقييم المصالح الفضلى للطفل قبل القرار.</p>", "ar")
    assert [term.key for term in found] == ["best-interests"]
    assert terms_used_in("<p>The best person to ask.</p>", "en") == []


def test_a_term_added_later_is_linked_on_pages_published_before_it(
    client, home, theme_page, django_capture_on_commit_callbacks
):
    page = publish(
        GuidancePageFactory(parent=theme_page, body=[("paragraph", "<p>Call the mentor.</p>")])
    )
    glossary = GlossaryPage(title="Glossary", slug="glossary")
    home.add_child(instance=glossary)
    publish(glossary)
    assert '<section class="terms"' not in client.get(page.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the editor's save commits
        GlossaryTerm.objects.create(key="mentor", term="Mentor", definition="A guide.")

    html = client.get(page.url).content.decode()
    assert '<a class="glossary-link" href="#term-mentor">mentor</a>' in html
    assert "<dd>A guide.</dd>" in terms_section(html)
