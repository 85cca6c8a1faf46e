"""The glossary page, and glossary terms linked from the guidance that uses them."""

import pytest

from django.utils import translation

from guidance.models import GlossaryPage, GlossaryTerm
from tests.conftest import publish
from tests.factories import GuidancePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


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
        key="guardian", term_en="Guardian", definition_en="An adult appointed for a child."
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


def test_guidance_links_the_terms_it_uses_by_name_or_acronym(client, glossary, theme_page):
    page = GuidancePageFactory(
        parent=theme_page,
        summary="Counselling before AVRR.",
        body=[("paragraph", "<p>Children travel with a guardians' list.</p>")],
    )

    html = client.get(page.url).content.decode()

    terms = html.split('<section class="terms"', 1)[1].split("</section>", 1)[0]
    assert f'href="{glossary.url}#term-avrr"' in terms
    assert "term-guardian" not in terms  # "guardians'" is not the whole word
