"""The translation workspace: the English beside one language, what changed in English,
"mark reviewed", saving as a draft revision, progress, and who may use it."""

import re

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import Revision

from guidance.editorial.workspace import Row, word_diff
from guidance.models import TranslationReview
from tests.conftest import publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/library-reports/translation-status/"


def workspace_url(page, code="ar"):
    return reverse("guidance_workspace", args=[page.pk, code])


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def sections(html):
    """{segment id: (section's opening tag, its HTML)} of the workspace."""
    found = {}
    for match in re.finditer(r'(<section class="ws-row[^>]*>)(.*?)</section>', html, re.S):
        segment = re.search(r'data-segment="([^"]+)"', match.group(1)).group(1)
        found[segment] = (match.group(1), match.group(2))
    return found


def outdated(html):
    return [segment for segment, (tag, _body) in sections(html).items() if "--outdated" in tag]


def changes(html, tag):
    """The text of each <ins> or <del> of a diff, its label included."""
    return [text_of(found) for found in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)]


def progress_of(html):
    return text_of(re.search(r'<p id="workspace-progress">(.*?)</p>', html, re.S).group(1))


def test_a_translator_sees_the_english_beside_the_arabic_typed_right_to_left(
    client, translator, arabic_page
):
    client.force_login(translator)

    # The long form is not where a translator works: opening it leads to the workspace.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[arabic_page.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance_translations", args=[arabic_page.pk])
    languages = client.get(response["Location"]).content.decode()
    assert f'href="{workspace_url(arabic_page)}"' in languages

    html = client.get(workspace_url(arabic_page)).content.decode()

    _tag, summary = sections(html)["summary"]
    source = r'<div class="ws-source" lang="en" dir="ltr">\s*How to screen arrivals'
    assert re.search(source, summary)
    summary_input = re.search(r'<(?:input|textarea)[^>]*name="segment:summary"[^>]*>', summary)
    assert 'lang="ar"' in summary_input.group(0) and 'dir="rtl"' in summary_input.group(0)
    assert "كيفية فحص الوافدين." in summary
    first, second = (sections(html)[f"body.{block_id}"][1] for block_id in arabic_page.block_ids)
    assert "Ask about the journey." in first and "اسأل عن الرحلة." in first
    assert "Refer children at once." in second and "Not translated" in second
    assert outdated(html) == []

    # French is typed left to right.
    french = client.get(workspace_url(arabic_page, "fr")).content.decode()
    assert re.search(r'name="segment:summary"[^>]*lang="fr" dir="ltr"', french)


def test_an_english_edit_highlights_that_segment_with_its_words_until_reviewed(
    client, translator, arabic_page
):
    arabic_page.summary_en = "How to screen new arrivals & families safely."
    arabic_page.save_revision()  # the editor's draft: the workspace reads the newest
    client.force_login(translator)

    html = client.get(workspace_url(arabic_page)).content.decode()

    assert outdated(html) == ["summary"]
    diff = sections(html)["summary"][1]
    assert "English changed" in diff
    assert changes(diff, "ins") == ["Added: new", "Added: &amp; families safely"]
    assert changes(diff, "del") == []  # nothing was taken out
    assert progress_of(html) == "3 of 4 segments translated, 1 outdated"

    response = client.post(reverse("guidance_workspace_reviewed", args=[arabic_page.pk, "ar"]))

    assert response.status_code == 302
    html = client.get(workspace_url(arabic_page)).content.decode()
    assert outdated(html) == []
    assert progress_of(html) == "3 of 4 segments translated"
    review = TranslationReview.objects.get(page=arabic_page, language="ar")
    assert review.reviewed_by == translator
    assert "Last marked as reviewed by" in html

    # The next English change is measured from the review.
    arabic_page.body_en = [
        {**block, "value": block["value"].replace("journey", "route")}
        for block in arabic_page.body_en.get_prep_value()
    ]
    arabic_page.save_revision()
    html = client.get(workspace_url(arabic_page)).content.decode()
    assert outdated(html) == [f"body.{arabic_page.block_ids[0]}"]
    removed = sections(html)[f"body.{arabic_page.block_ids[0]}"][1]
    assert changes(removed, "del") == ["Removed: journey"]
    assert changes(removed, "ins") == ["Added: route"]


def test_marking_reviewed_clears_outdated_in_the_translation_status_report(
    client, translator, arabic_page
):
    arabic_page.summary_en = "How to screen every arrival."
    publish(arabic_page)
    client.force_login(translator)
    assert "Outdated" in text_of(client.get(STATUS_URL, {"language": "ar"}).content.decode())

    client.post(reverse("guidance_workspace_reviewed", args=[arabic_page.pk, "ar"]))

    html = client.get(STATUS_URL, {"language": "ar"}).content.decode()
    assert "Outdated" not in text_of(html.split("<tbody>", 1)[1].split("</tbody>", 1)[0])
    # The report's cells lead to the workspace of their language.
    assert f'href="{workspace_url(arabic_page)}"' in html


def test_saving_makes_a_draft_revision_of_the_translation_only(client, translator, arabic_page):
    client.force_login(translator)
    revisions = Revision.page_revisions.filter(object_id=str(arabic_page.pk)).count()
    second = f"body.{arabic_page.block_ids[1]}"

    response = client.post(
        workspace_url(arabic_page),
        {
            "segment:title": "الفحص",
            "segment:summary": "كيفية فحص الوافدين الجدد.",
            f"segment:{second}": "<p>أحِل الأطفال فوراً.<script>alert(1)</script></p>",
            "segment:not-a-segment": "ignored",
            "save": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Revision.page_revisions.filter(object_id=str(arabic_page.pk)).count() == revisions + 1
    arabic_page.refresh_from_db()
    assert arabic_page.summary_ar == "كيفية فحص الوافدين." and arabic_page.has_unpublished_changes
    draft = arabic_page.get_latest_revision_as_object()
    assert draft.summary_ar == "كيفية فحص الوافدين الجدد."
    assert [block.value.source for block in draft.body_ar] == [
        "<p>اسأل عن الرحلة.</p>",
        "<p>أحِل الأطفال فوراً.alert(1)</p>",
    ]
    assert draft.summary_en == "How to screen arrivals."
    assert [block.value.source for block in draft.body_en] == [
        "<p>Ask about the journey.</p>",
        "<p>Refer children at once.</p>",
    ]
    html = client.get(workspace_url(arabic_page)).content.decode()
    assert progress_of(html) == "4 of 4 segments translated"


def test_save_and_submit_sends_the_translation_to_review(client, translator, arabic_page):
    client.force_login(translator)

    client.post(workspace_url(arabic_page), {"segment:summary": "ملخص.", "submit": ""})

    arabic_page.refresh_from_db()
    assert arabic_page.workflow_in_progress
    assert arabic_page.summary_ar == "كيفية فحص الوافدين."  # published only on approval


def test_others_are_refused_and_editors_find_the_workspace_in_the_page_header(
    client, editor, arabic_page
):
    outsider = UserFactory()
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    reviewed_url = reverse("guidance_workspace_reviewed", args=[arabic_page.pk, "ar"])

    assert client.get(workspace_url(arabic_page)).status_code == 403
    assert client.post(workspace_url(arabic_page), {"segment:summary": "x"}).status_code == 403
    assert client.post(reviewed_url).status_code == 403
    assert client.get(reverse("guidance_translations", args=[arabic_page.pk])).status_code == 403
    assert not TranslationReview.objects.exists()
    arabic_page.refresh_from_db()
    assert arabic_page.get_latest_revision_as_object().summary_ar == "كيفية فحص الوافدين."

    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[arabic_page.pk]))
    assert edit.status_code == 200  # editors keep the full form
    assert reverse("guidance_translations", args=[arabic_page.pk]) in edit.content.decode()
    # English is the source, edited in the page form; it has no workspace.
    assert client.get(workspace_url(arabic_page, "en"), follow=True).status_code == 404


def test_progress_per_language(client, translator, arabic_page):
    client.force_login(translator)

    html = client.get(reverse("guidance_translations", args=[arabic_page.pk])).content.decode()

    rows = {
        code: text_of(cell)
        for code, cell in re.findall(r'<td data-language="([^"]+)">(.*?)</td>', html, re.S)
    }
    assert rows["ar"] == "3 of 4 segments translated"
    assert rows["fr"] == "0 of 4 segments translated"
    assert list(rows) == ["fr", "es", "ar", "ru", "zh-hans"]


def test_english_left_in_a_translation_is_not_counted_as_translated_unless_it_has_no_words():
    def row(source, target):
        return Row(id="x", label="", source=source, target=target, rich=False)

    assert not row("Trained staff", "Trained staff").translated
    assert row("Trained staff", "موظفون مدرَّبون").translated
    assert row("90%", "90%").translated
    assert not row("90%", "").translated


def test_the_word_diff_keeps_words_whole():
    assert word_diff("<p>Refer children</p>", "<p>Refer all children today</p>") == [
        ("same", "Refer "),
        ("added", "all "),
        ("same", "children"),
        ("added", " today"),
    ]


def test_a_translation_made_in_the_page_form_is_found_and_kept(client, translator, arabic_page):
    # The page form gives each language's blocks their own ids.
    arabic_page.body_ar = [
        ("paragraph", "<p>اسأل عن الرحلة.</p>"),
        ("paragraph", "<p>أحِل الأطفال فوراً.</p>"),
    ]
    publish(arabic_page)
    first, second = (f"body.{block_id}" for block_id in arabic_page.block_ids)
    client.force_login(translator)

    html = client.get(workspace_url(arabic_page)).content.decode()

    assert "أحِل الأطفال فوراً." in sections(html)[second][1]
    assert progress_of(html) == "4 of 4 segments translated"

    client.post(workspace_url(arabic_page), {f"segment:{first}": "<p>اسأل عن الطريق.</p>"})

    arabic_page.refresh_from_db()
    draft = arabic_page.get_latest_revision_as_object()
    assert [block.value.source for block in draft.body_ar] == [
        "<p>اسأل عن الطريق.</p>",
        "<p>أحِل الأطفال فوراً.</p>",
    ]
