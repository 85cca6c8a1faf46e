"""XLIFF 2.0 out and back in through the admin: what an agency's file does to a page."""

import copy
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Page

from guidance.models.translation_status import TranslationRecord, translation_status
from tests.conftest import publish
from tests.factories import GuidancePageFactory, UserFactory

pytestmark = pytest.mark.django_db

NS = "{urn:oasis:names:tc:xliff:document:2.0}"
# A word per language put before each text, so every translated text is recognisable.
WORDS = {"fr": "Traduit", "es": "Traducido", "ar": "مترجم", "ru": "Переведено", "zh-hans": "已译"}
TAGS = {"fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh-hans": "zh-Hans"}


@pytest.fixture
def page(theme_page):
    body = [
        ("heading", "Why it matters"),
        (
            "paragraph",
            f'<p>Read <b>this</b>, <i>then</i> <a href="https://example.org/x">that</a> '
            f'and <a linktype="page" id="{theme_page.pk}">the theme</a>.</p>'
            "<ul><li>First</li><li>Second</li></ul>",
        ),
        ("checklist", {"title": "Before", "items": ["Interpreter booked", "Room ready"]}),
        ("quote", {"text": "Notice,\nprotect, refer.", "attribution": ""}),
    ]
    return publish(
        GuidancePageFactory(
            parent=theme_page, title="Screening", slug="screening", summary="How to screen.",
            body=body,
        )
    )  # fmt: skip


def export(client, page, language):
    response = client.get(reverse("guidance_xliff_export", args=[page.pk, language]))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/xliff+xml")
    assert "attachment" in response["Content-Disposition"]
    return response.content


def translated(document, word):
    """The document with each unit's target: its source, every text prefixed by `word`."""
    root = ET.fromstring(document)
    for segment in root.iter(f"{NS}segment"):
        for old in segment.findall(f"{NS}target"):
            segment.remove(old)
        target = copy.deepcopy(segment.find(f"{NS}source"))
        target.tag = f"{NS}target"
        for element in target.iter():
            if element.text and element.text.strip():
                element.text = f"{word} {element.text}"
            if element is not target and element.tail and element.tail.strip():
                element.tail = f" {word}{element.tail}"
        segment.append(target)
    ET.register_namespace("", NS[1:-1])  # as the portal writes it: no prefix
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def upload(client, page, content, name="page.xlf"):
    return client.post(
        reverse("guidance_xliff_page", args=[page.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/xliff+xml")},
    )


@pytest.mark.parametrize("language", list(WORDS))
def test_round_trip_saves_a_draft_revision_with_exactly_the_translation(
    client, editor, page, language
):
    client.force_login(editor)
    document = export(client, page, language)
    root = ET.fromstring(document)
    assert (root.get("version"), root.get("srcLang")) == ("2.0", "en")
    assert root.get("trgLang") == TAGS[language]
    source = ET.tostring(root.find(f".//{NS}unit[@id='body.{page.body[1].id}']"), "unicode")
    assert "<b>" not in source and "&lt;b&gt;" in source  # tags as codes, HTML kept aside
    assert 'dispStart="https://example.org/x"' in source

    word = WORDS[language]
    response = upload(client, page, translated(document, word))
    assert response.status_code == 302, response.content.decode()[:2000]

    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    suffix = language.replace("-", "_")
    assert getattr(draft, f"title_{suffix}") == f"{word} Screening"
    assert getattr(draft, f"summary_{suffix}") == f"{word} How to screen."
    body = getattr(draft, f"body_{suffix}")
    assert [block.id for block in body] == [block.id for block in page.body]
    assert body[0].value == f"{word} Why it matters"
    assert body[1].value.source == (
        f"<p>{word} Read <b>{word} this</b> {word}, <i>{word} then</i> "
        f'<a href="https://example.org/x">{word} that</a> {word} and '
        f'<a linktype="page" id="{page.get_parent().pk}">{word} the theme</a> {word}.</p>'
        f"<ul><li>{word} First</li><li>{word} Second</li></ul>"
    )
    assert list(body[2].value["items"]) == [f"{word} Interpreter booked", f"{word} Room ready"]
    assert body[3].value["text"] == f"{word} Notice,\nprotect, refer."
    assert draft.title == "Screening" and draft.body[0].value == "Why it matters"

    live = Page.objects.get(pk=page.pk).specific
    assert not getattr(live, f"title_{suffix}")  # a draft: readers see nothing yet
    assert live.has_unpublished_changes
    live.get_latest_revision().publish()
    live.refresh_from_db()
    assert translation_status(live, language) == TranslationRecord.TRANSLATED


def refusal(client, page, content):
    """The message shown for a refused upload; the page must have no new revision."""
    revisions = page.revisions.count()
    response = upload(client, page, content)
    assert response.status_code == 200
    assert page.revisions.count() == revisions
    return response.content.decode()


def test_files_that_would_break_the_page_are_refused_with_the_reason(
    client, editor, page, theme_page
):
    client.force_login(editor)
    document = translated(export(client, page, "ar"), WORDS["ar"])
    text = document.decode()

    other = publish(GuidancePageFactory(parent=theme_page))
    assert "This file is for another page" in refusal(client, other, document)

    wrong_language = text.replace('trgLang="ar"', 'trgLang="de"').encode()
    assert "“de” is not one the portal translates into" in refusal(client, page, wrong_language)
    english = text.replace('trgLang="ar"', 'trgLang="en"').encode()
    assert "is not one the portal translates into" in refusal(client, page, english)

    unknown = text.replace('<unit id="summary">', '<unit id="summary_old">').encode()
    assert "The unit “summary_old” is not a text of this page" in refusal(client, page, unknown)

    paragraph = f"body.{page.body[1].id}"
    unit = text.split(f'<unit id="{paragraph}">', 1)[1].split("</unit>", 1)[0]
    target = unit.split("<target>", 1)[1].split("</target>", 1)[0]
    broken = target.replace("<pc ", '<ec startRef="9" dataRef="d2" /><pc ', 1)
    message = refusal(client, page, text.replace(target, broken).encode())
    assert f"Body › 2. Text ({paragraph}): the inline codes are not balanced" in message

    unknown_code = target.replace('dataRefStart="d1"', 'dataRefStart="d404"', 1)
    message = refusal(client, page, text.replace(target, unknown_code).encode())
    assert "the inline code “d404” is not in the file" in message

    too_long = text.replace(f"{WORDS['ar']} Screening", "x" * 300).encode()
    assert "at most 255 characters (this has 300)" in refusal(client, page, too_long)

    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        b'trgLang="ar"><file id="page-1"><unit id="title"><segment><source>&e;</source>'
        b"</segment></unit></file></xliff>"
    )
    assert "declares a DTD or entities" in refusal(client, page, xxe)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    )
    assert "declares a DTD or entities" in refusal(client, page, bomb)
    version_1 = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>'
    assert "not an XLIFF 2.0 document" in refusal(client, page, version_1)

    page.refresh_from_db()
    assert not page.title_ar and not page.has_unpublished_changes


def test_a_changed_english_text_is_imported_with_a_warning(client, editor, page):
    client.force_login(editor)
    document = translated(export(client, page, "fr"), WORDS["fr"])
    page.summary = "How to screen people at the border."
    publish(page)
    response = upload(client, page, document)
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert "the English changed since the file was made" in shown
    assert "Summary" in shown


def test_batch_zip_from_the_report_and_back(client, editor, page, theme_page):
    second = publish(GuidancePageFactory(parent=theme_page, title="Referral"))
    client.force_login(editor)
    report = client.get(reverse("guidance_editorial:translation_status")).content.decode()
    assert f'name="page" value="{page.pk}" form="xliff-batch"' in report

    response = client.get(
        reverse("guidance_xliff_batch_export"),
        {"page": [page.pk, second.pk], "language": ["ar", "zh-hans"]},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == sorted(
        [
            f"ar/screening-{page.pk}.ar.xlf",
            f"ar/{second.slug}-{second.pk}.ar.xlf",
            f"zh-hans/screening-{page.pk}.zh-Hans.xlf",
            f"zh-hans/{second.slug}-{second.pk}.zh-Hans.xlf",
        ]
    )
    returned = io.BytesIO()
    with zipfile.ZipFile(returned, "w") as out:
        for name in names:
            language = name.split("/")[0]
            out.writestr(name, translated(archive.read(name), WORDS[language]))
    response = client.post(
        reverse("guidance_xliff_batch_import"),
        {"file": SimpleUploadedFile("back.zip", returned.getvalue())},
    )
    assert response.status_code == 200
    assert "Translations saved as new drafts of 2 pages" in response.content.decode()
    for each in (page, second):
        draft = Page.objects.get(pk=each.pk).specific.get_latest_revision_as_object()
        assert draft.title_ar == f"مترجم {each.title}"
        assert draft.title_zh_hans == f"已译 {each.title}"
        assert each.revisions.count() == 2  # one new revision for both languages


def test_users_who_may_not_edit_the_page_get_403(client, page):
    outsider = UserFactory()
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(reverse("guidance_xliff_export", args=[page.pk, "ar"])).status_code == 403
    assert client.get(reverse("guidance_xliff_page", args=[page.pk])).status_code == 403
    assert upload(client, page, b"<xliff/>").status_code == 403
    batch = client.get(reverse("guidance_xliff_batch_export"), {"page": page.pk, "language": "ar"})
    assert batch.status_code == 403
    assert page.revisions.count() == 1


def test_translator_gets_the_menu_entry_and_can_import(client, translator, page):
    client.force_login(translator)
    # A translator's edit link leads to the page's translations, which offer the files.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), follow=True)
    assert edit.redirect_chain, "a translator is sent to the translations of the page"
    html = edit.content.decode()
    assert reverse("guidance_xliff_page", args=[page.pk]) in html
    assert "Translate with an agency (XLIFF)" in html
    document = translated(export(client, page, "ru"), WORDS["ru"])
    assert upload(client, page, document).status_code == 302
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    assert draft.title_ru == "Переведено Screening"
    assert draft.title_en == "Screening"


def test_the_file_keeps_xliff_as_its_default_namespace_whatever_else_registered_one(
    client, editor, page
):
    # Image and PDF libraries register their own default namespace for the process.
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    client.force_login(editor)
    document = export(client, page, "ar").decode()
    assert '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"' in document
    assert "ns0:" not in document



def test_a_page_that_is_not_translated_offers_no_files(client, editor, page, home):
    """The tree's root and a plain Wagtail page (not a portal page type) have no texts per
    language: no XLIFF to download or send back, and no menu entry."""
    root = Page.objects.get(depth=1)
    plain = home.add_child(instance=Page(title="Plain page", slug="plain-page"))
    client.force_login(editor)

    for each in (root, plain):
        # (A 404 under /admin/ is sent on to the language's address, which is a 404 too.)
        for address in (
            reverse("guidance_xliff_page", args=[each.pk]),
            reverse("guidance_xliff_export", args=[each.pk, "fr"]),
        ):
            assert client.get(address, follow=True).status_code == 404
        sent = upload(client, each, b"<xliff/>")
        assert sent.status_code == 404 or sent["Location"].endswith(f"/xliff/page/{each.pk}/")
    assert plain.revisions.count() == 0
    entry = "Translate with an agency (XLIFF)"
    assert entry not in client.get(reverse("wagtailadmin_pages:edit", args=[plain.pk])).text
    assert entry in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).text
