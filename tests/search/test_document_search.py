"""Text inside uploaded PDF and Word documents is found, with links to the pages using them;
a document in a private collection never is (database engine, the embedded default)."""

import html as html_text

import pytest

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import CollectionViewRestriction

from search import engine
from search.models import SearchEntry
from tests.search.documents_helpers import (
    docx_bytes,
    pdf_bytes,
    private_collection,
    publish,
    result_targets,
    tool_offering,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ELASTICSEARCH_URL = ""  # the database engine, whatever the environment says


def search_page(client, query, language="en"):
    from django.utils import translation

    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_word_only_inside_a_pdf_finds_the_tool_once_with_its_file_listed(client, theme_page):
    card = upload(
        "Pocket card",
        "pocket-card.pdf",
        pdf_bytes("Pocket card", "Breathe slowly.\n\nAsk about the quokkafjord crossing."),
    )
    tool = tool_offering(theme_page, card, title="Psychological first aid kit", slug="pfa-kit")

    found = engine.search("quokkafjord", "en")

    # One result for one piece of content: the tool, not the tool and its download.
    assert [(hit.kind, hit.object_id) for hit in found.hits] == [("tool", tool.pk)]
    assert found.hits[0].files == [
        {"title": "Pocket card", "url": card.url, "file_type": "PDF", "language": "en"}
    ]
    html = search_page(client, "quokkafjord")
    assert result_targets(client, html) == [tool.url]
    assert f'<a href="{card.url}" lang="en" dir="ltr">Pocket card</a>' in html
    assert "(PDF, <span" in html


def test_a_result_lists_its_downloads_as_they_are_now_not_as_first_shown(client, theme_page):
    card = upload("Pocket card", "pocket-card.pdf", pdf_bytes("Pocket card", "The zembrosk map."))
    tool = tool_offering(theme_page, card, title="Field kit", slug="field-kit")
    assert ">Pocket card</a>" in search_page(client, "zembrosk")

    # The results page keeps a result's downloads until content changes: a renamed file
    # and one more download show on the next search.
    card.title = "Pocket card, second edition"
    card.save()
    sheet = upload("Tally sheet", "tally.pdf", pdf_bytes("Tally sheet", "Count them."))
    from guidance.models import ToolDownload

    ToolDownload.objects.create(page=tool, document=sheet, language="en", sort_order=1)
    publish(tool)

    html = search_page(client, "zembrosk")
    assert result_targets(client, html) == [tool.url]
    assert ">Pocket card, second edition</a>" in html
    assert ">Tally sheet</a>" in html


def test_word_only_inside_a_word_document_finds_its_tool_in_the_language_it_is_offered_in(
    client, theme_page
):
    form = upload(
        "Formulaire d'orientation",
        "orientation.docx",
        docx_bytes("Nom de la personne", "Service de zorbalique partenaire"),
    )
    tool = tool_offering(
        theme_page,
        form,
        language="fr",
        title="Referral form",
        title_fr="Fiche d'orientation",
        summary_fr="Pour orienter une personne.",
    )

    french = engine.search("zorbalique", "fr")
    english = engine.search("zorbalique", "en")

    assert [(hit.kind, hit.object_id) for hit in french.hits] == [("tool", tool.pk)]
    assert [item["file_type"] for item in french.hits[0].files] == ["DOCX"]
    assert english.total == 0
    from django.utils import translation

    with translation.override("fr"):
        french_url = tool.url
    html = search_page(client, "zorbalique", "fr")
    assert result_targets(client, html) == [french_url]
    assert "Formulaire d'orientation</a>" in html_text.unescape(html)


def test_document_a_guidance_page_links_is_found_with_that_page_and_its_themes(theme_page):
    from tests.factories import GuidancePageFactory

    memo = upload("Intake memo", "intake.txt", b"Ask about the vostrelli border post.")
    guidance = GuidancePageFactory(
        parent=theme_page,
        title="Intake",
        body=[("paragraph", f'<p>See <a linktype="document" id="{memo.pk}">the memo</a>.</p>')],
    )
    guidance.themes.add(theme_page.theme)
    publish(guidance)
    engine.update_document(memo)  # the reference index knows the link once the page is saved

    found = engine.search("vostrelli", "en")

    assert [(hit.kind, hit.object_id) for hit in found.hits] == [("document", memo.pk)]
    assert found.hits[0].used_on == [{"title": "Intake", "url": guidance.url}]
    # Filtering by the page's theme keeps the document: it inherits the theme.
    themed = engine.search("vostrelli", "en", filters={"themes": [theme_page.theme.key]})
    assert themed.total == 1


def test_document_no_page_uses_is_found_by_its_words_and_lists_no_page(theme_page):
    notes = upload("Field notes", "notes.txt", b"Checkpoint at the wexlington bridge.")

    found = engine.search("wexlington", "en")

    assert [hit.object_id for hit in found.hits] == [notes.pk]
    assert found.hits[0].used_on == []
    assert found.hits[0].language == "en"


def test_document_in_a_private_collection_is_never_found(client, theme_page):
    secret = upload(
        "Trainer answer key",
        "answers.pdf",
        pdf_bytes("Answer key", "The answer is brumbleton."),
        collection=private_collection(),
    )
    tool_offering(theme_page, secret, title="Public tool")

    assert engine.search("brumbleton", "en").total == 0
    assert engine.search("answer key", "en").total == 0
    assert not SearchEntry.objects.filter(target_type="document", target_id=secret.pk).exists()
    html = search_page(client, "brumbleton")
    assert result_targets(client, html) == []
    assert secret.url not in html
    assert "0 results" in html


def test_making_a_collection_private_removes_its_documents_and_public_again_restores_them(
    theme_page,
):
    collection = private_collection("Soon public")
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    restriction.delete()
    inner = collection.add_child(name="Inner folder")
    memo = upload("Memo", "memo.docx", docx_bytes("Meet at the plovdivia gate."), inner)
    assert engine.search("plovdivia", "en").total == 1

    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    assert engine.search("plovdivia", "en").total == 0

    CollectionViewRestriction.objects.filter(collection=collection).delete()
    assert [hit.object_id for hit in engine.search("plovdivia", "en").hits] == [memo.pk]


def test_deleted_document_is_no_longer_found(theme_page):
    leaflet = upload("Leaflet", "leaflet.txt", b"Bring your grommelkin card.")
    assert engine.search("grommelkin", "en").total == 1

    leaflet.delete()

    assert engine.search("grommelkin", "en").total == 0


def test_broken_pdf_is_indexed_by_its_title_and_breaks_nothing(theme_page, caplog):
    broken = upload("Damaged handbook", "damaged.pdf", b"%PDF-1.4\n this is no PDF at all")
    fine = upload("Working card", "card.pdf", pdf_bytes("Card", "The trelliswick route."))

    call_command("rebuild_search", "--database-only")

    assert [hit.object_id for hit in engine.search("damaged handbook", "en").hits] == [broken.pk]
    assert [hit.object_id for hit in engine.search("trelliswick", "en").hits] == [fine.pk]
    assert "No text read from document" in caplog.text


def test_rebuild_keeps_public_documents_and_drops_private_ones(theme_page):
    public = upload("Public sheet", "public.txt", b"About the vintersol procedure.")
    hidden = upload("Hidden sheet", "hidden.txt", b"About the vintersol secret.")
    assert engine.search("vintersol", "en").total == 2
    # Moved into a private collection behind the signals' back: the rebuild alone must
    # notice and drop its entry.
    type(hidden).objects.filter(pk=hidden.pk).update(collection=private_collection())

    call_command("rebuild_search", "--database-only")

    assert [hit.object_id for hit in engine.search("vintersol", "en").hits] == [public.pk]
