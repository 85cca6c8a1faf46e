"""A malformed link in rich text never breaks a page: refused at save, shown as its text."""

import json

import pytest

from django.conf import settings
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from foundation.roles import EDITORS
from portal.demo import load_home
from tests.conftest import publish
from tests.factories import GuidancePageFactory
from tests.guidance.conftest import member_of

pytestmark = pytest.mark.django_db

MALFORMED = (  # as Wagtail stores rich text, with double quotes
    '<p>Read <a linktype="document" id="abc">the intake form</a>, '
    '<a linktype="document">the checklist</a>, '
    '<a linktype="document" id="99999999999999999999">the annex</a>, '
    '<a linktype="page" id="xyz">the referral guide</a> and '
    '<a linktype="page" id="987654">the old page</a>.</p>'
    '<embed embedtype="media"/><embed embedtype="image" id="abc"/>'
)


def test_a_page_with_malformed_links_shows_their_text_to_readers(client, theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Intake", summary="How.")
    page.body_en = [("paragraph", MALFORMED)]
    publish(page)

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "the intake form",
        "the checklist",
        "the annex",
        "the referral guide",
        "the old page",
    ):
        assert f"<a>{text}</a>" in html
    assert "linktype" not in html


@pytest.fixture
def editor(home):
    load_home()  # the editorial roles, as `make run` sets them up
    return member_of(EDITORS)


def paragraph_with_link(text, entity_type, data):
    """What the editor posts for a paragraph whose one link is `entity_type` with `data`."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "intro",
                    "text": text,
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": entity_type, "mutability": "MUTABLE", "data": data}},
        }
    )


@pytest.mark.parametrize(
    ("entity_type", "data", "message"),
    [
        ("DOCUMENT", {"id": "abc"}, "The link “the intake form” points to a document that"),
        ("DOCUMENT", {"id": 987654}, "The link “the intake form” points to a document that"),
        ("LINK", {"id": 987654}, "The link “the intake form” points to a page that"),
    ],
)
def test_saving_a_link_to_nothing_is_refused_with_the_link_named(
    client, editor, theme_page, entity_type, data, message
):
    page = publish(GuidancePageFactory(parent=theme_page, title="Intake", summary="How."))
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    body = paragraph_with_link("the intake form", entity_type, data)
    for code, _name in settings.LANGUAGES:
        blocks = [("paragraph", body)] if code == "en" else []
        form.update(nested_form_data({f"body_{code.replace('-', '_')}": streamfield(blocks)}))

    response = client.post(edit_url, form)

    assert response.status_code == 200
    assert message in response.content.decode()
    latest = page.get_latest_revision_as_object()
    assert "the intake form" not in "".join(block.value.source for block in latest.body_en)
