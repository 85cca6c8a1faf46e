"""Editorial roles, the review workflow and the library reports, through the real admin."""

import csv
import datetime
import io
import re

import pytest

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    WorkflowPage,
)
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from foundation.roles import (
    EDITORS,
    REVIEW_TASK_NAME,
    REVIEWERS,
    TRANSLATORS,
    WORKFLOW_NAME,
    apply_editorial_setup,
    ensure_editorial_setup,
    remove_editorial_setup,
)
from guidance.models import GuidancePage, ToolDownload
from tests.conftest import publish
from tests.factories import (
    GuidancePageFactory,
    StandardPageFactory,
    ToolPageFactory,
    UserFactory,
)
from tests.guidance.conftest import edit_form_html
from tests.spreadsheet_payloads import PAYLOADS, spreadsheet_sees

pytestmark = pytest.mark.django_db

SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
DUE_URL = "/admin/library-reports/due-for-review/"
STATUS_URL = "/admin/library-reports/translation-status/"


def page_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def form_data(html, bodies):
    """What the browser posts: the form's inputs, plus the body StreamFields its script adds."""
    data = querydict_from_html(html, form_id="page-edit-form")
    for suffix in SUFFIXES:
        blocks = [("paragraph", rich_text(text)) for text in bodies.get(suffix, [])]
        data.update(nested_form_data({f"body_{suffix}": streamfield(blocks)}))
    return data


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def table_rows(html):
    """The body rows of the report table, as lists of cell texts."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


# Groups and permissions ------------------------------------------------------------


def test_load_home_gives_each_role_its_permissions_on_the_home_page(editorial):
    editors, reviewers, translators = (
        Group.objects.get(name=name) for name in (EDITORS, REVIEWERS, TRANSLATORS)
    )

    assert page_codenames(editors, editorial) == {"add_page", "change_page", "lock_page"}
    assert page_codenames(reviewers, editorial) == {
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert page_codenames(translators, editorial) == {"change_page"}
    for group in (editors, reviewers, translators):
        assert group.permissions.filter(codename="access_admin").exists()
    assert set(translators.permissions.values_list("codename", flat=True)) >= {
        "change_glossaryterm",
        "change_theme",
    }
    assert not translators.permissions.filter(codename__startswith="delete_").exists()
    assert editors.permissions.filter(codename="delete_glossaryterm").exists()
    assert not reviewers.permissions.filter(codename="change_glossaryterm").exists()
    assert set(
        GroupCollectionPermission.objects.filter(group=translators).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_document", "choose_document", "choose_image"}

    workflow = WorkflowPage.objects.get(page=editorial).workflow
    assert workflow.name == WORKFLOW_NAME
    [task] = [task.specific for task in workflow.tasks]
    assert isinstance(task, GroupApprovalTask)
    assert task.name == REVIEW_TASK_NAME
    assert list(task.groups.all()) == [reviewers]


def test_setup_is_idempotent_and_restores_what_a_role_must_not_have(editorial):
    translators = Group.objects.get(name=TRANSLATORS)
    GroupPagePermission.objects.create(group=translators, page=editorial, permission_type="publish")
    counts = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count())

    ensure_editorial_setup()
    ensure_editorial_setup()

    assert page_codenames(translators, editorial) == {"change_page"}
    assert GroupPagePermission.objects.count() == counts[0] - 1
    assert GroupCollectionPermission.objects.count() == counts[1]
    assert Group.objects.filter(name__in=[EDITORS, REVIEWERS, TRANSLATORS]).count() == 3
    assert WorkflowPage.objects.filter(page=editorial).count() == 1


def test_the_migration_steps_undo_and_redo_on_historical_models(home):
    """What portal/migrations/0002 runs, on the models as they were at that migration."""
    state = MigrationExecutor(connection).loader.project_state(("portal", "0002_editorial_roles"))
    assert Group.objects.filter(name=TRANSLATORS).exists()  # migrated without a home page

    remove_editorial_setup(state.apps)
    assert not Group.objects.filter(name__in=[REVIEWERS, TRANSLATORS]).exists()
    assert not Task.objects.filter(name=REVIEW_TASK_NAME).exists()
    assert Group.objects.filter(name=EDITORS).exists()  # Wagtail's own group stays

    apply_editorial_setup(state.apps, home.pk)
    assert page_codenames(Group.objects.get(name=TRANSLATORS), home) == {"change_page"}
    task = WorkflowPage.objects.get(page=home).workflow.tasks.get().specific
    assert isinstance(task, GroupApprovalTask)
    assert [group.name for group in task.groups.all()] == [REVIEWERS]


# Editors submit, reviewers approve ------------------------------------------------


def create_and_submit(client, editor, theme_page):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("guidance", "guidancepage", theme_page.pk))
    form = client.get(add_url)
    assert form.status_code == 200
    assert 'name="action-publish"' not in form.content.decode()  # no Publish button
    data = form_data(form.content.decode(), {"en": ["<p>Talk to the child first.</p>"]})
    data.update(
        {
            "title_en": "Interviewing children",
            "slug_en": "interviewing-children",
            "summary_en": "How to interview a child safely.",
            "action-submit": "Submit for review",
        }
    )

    response = client.post(add_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    return GuidancePage.objects.get(slug_en="interviewing-children")


def test_editor_submits_a_new_page_for_review_and_it_is_not_live(client, editor, theme_page):
    page = create_and_submit(client, editor, theme_page)

    assert page.live is False
    assert page.current_workflow_task.name == REVIEW_TASK_NAME
    assert (
        "Talk to the child first." in page.get_latest_revision_as_object().body_en[0].value.source
    )
    client.logout()
    assert client.get(f"{theme_page.url}interviewing-children/").status_code == 404


def test_editor_cannot_publish_by_posting_the_publish_action(client, editor, theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Draft", slug="draft", live=False)
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(edit_url).content.decode(), {"en": ["<p>Draft.</p>"]})
    data.update({"title_en": "Now published?", "action-publish": "Publish"})

    response = client.post(edit_url, data)

    page.refresh_from_db()
    assert response.status_code == 302
    assert page.live is False
    assert page.get_latest_revision_as_object().title_en == "Now published?"


def test_reviewer_approves_and_the_page_goes_live(client, editor, reviewer, theme_page):
    page = create_and_submit(client, editor, theme_page)
    task_state = page.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
    )

    # The editor who submitted it cannot approve it.
    client.post(approve_url, {"comment": ""})
    page.refresh_from_db()
    assert page.live is False

    client.force_login(reviewer)
    response = client.post(approve_url, {"comment": "Checked against the 2025 standards."})

    page.refresh_from_db()
    assert response.status_code == 302
    assert page.live is True
    assert page.current_workflow_task is None
    client.logout()
    public = client.get(page.url)
    assert public.status_code == 200
    assert "<h1>Interviewing children</h1>" in public.content.decode()


# Translators change translations only ---------------------------------------------


def test_translator_gets_the_workspace_and_a_form_with_english_fields_locked(
    client, translator, english_page
):
    client.force_login(translator)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_page.pk]))

    assert response["Location"] == reverse("guidance_translations", args=[english_page.pk])
    # A request made by hand still meets a form that locks all but the translations.
    form_class = english_page.get_edit_handler().get_form_class()
    form = form_class(instance=english_page, for_user=translator)
    assert form.fields["title_en"].disabled and form.fields["next_review_due"].disabled
    assert not form.fields["title_fr"].disabled and not form.fields["summary_ar"].disabled


def test_translator_saves_french_but_posted_english_is_ignored(client, translator, english_page):
    client.force_login(translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    data = form_data(
        edit_form_html(english_page),
        {"en": ["<p>Rewritten by the translator.</p>"], "fr": ["<p>Corps en français.</p>"]},
    )
    data.update(
        {
            "title_en": "Hijacked English title",
            "summary_en": "Hijacked summary.",
            "title_fr": "Dépistage",
            "slug_fr": "depistage",
            "summary_fr": "Comment dépister.",
            "next_review_due": "2030-01-01",
        }
    )

    response = client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    english_page.refresh_from_db()
    draft = english_page.get_latest_revision_as_object()
    assert draft.title_fr == "Dépistage"
    assert draft.summary_fr == "Comment dépister."
    assert "Corps en français." in draft.body_fr[0].value.source
    assert draft.title_en == "Screening"
    assert draft.summary_en == "How to screen."
    assert draft.body_en[0].value.source == "<p>English body.</p>"
    assert draft.next_review_due is None


def test_translator_cannot_publish_a_translation(client, translator, english_page):
    client.force_login(translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    data = form_data(edit_form_html(english_page), {"en": ["<p>English body.</p>"]})
    data.update(
        {"title_fr": "Dépistage", "slug_fr": "depistage", "summary_fr": "Comment dépister."}
    )
    data["action-publish"] = "Publish"

    client.post(edit_url, data)

    english_page.refresh_from_db()
    assert english_page.title_fr in (None, "")  # the live page has no French yet
    assert english_page.has_unpublished_changes
    assert english_page.get_latest_revision_as_object().title_fr == "Dépistage"


def test_translator_cannot_add_or_remove_downloads(
    client, translator, theme_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    card = Document.objects.create(title="Card", file=ContentFile(b"%PDF-1.4", name="card.pdf"))
    tool = ToolPageFactory(parent=theme_page, title="Indicator card", slug="indicator-card")
    ToolDownload.objects.create(page=tool, document=card, language="en")
    publish(tool)
    client.force_login(translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[tool.pk])
    data = form_data(edit_form_html(tool), {})
    data.update(
        {
            "title_fr": "Carte d'indicateurs",
            "slug_fr": "carte",
            "summary_fr": "Une liste.",
            "downloads-0-DELETE": "1",
            "downloads-TOTAL_FORMS": "2",
            "downloads-1-document": str(card.pk),
            "downloads-1-language": "fr",
            "downloads-1-ORDER": "1",
            "downloads-1-DELETE": "",
        }
    )

    response = client.post(edit_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    tool.refresh_from_db()
    draft = tool.get_latest_revision_as_object()
    assert draft.title_fr == "Carte d'indicateurs"
    assert [(item.document_id, item.language) for item in draft.downloads.all()] == [
        (card.pk, "en")
    ]


# Reports -----------------------------------------------------------------------------


@pytest.fixture
def review_dates(theme_page):
    today = timezone.localdate()
    overdue = GuidancePageFactory(
        parent=theme_page,
        title="Old screening guidance",
        next_review_due=today - datetime.timedelta(days=10),
        last_reviewed=today - datetime.timedelta(days=375),
    )
    upcoming = StandardPageFactory(
        parent=theme_page,
        title="Shelter standards",
        next_review_due=today + datetime.timedelta(days=20),
    )
    GuidancePageFactory(parent=theme_page, title="Never scheduled", next_review_due=None)
    return overdue, upcoming


def test_due_for_review_lists_overdue_pages_with_days_overdue(client, editor, review_dates):
    overdue, _upcoming = review_dates
    client.force_login(editor)

    response = client.get(DUE_URL)

    html = response.content.decode()
    assert response.status_code == 200
    rows = table_rows(html)
    assert [row[0] for row in rows] == ["Old screening guidance"]
    assert rows[0][1] == "Guidance page"
    assert rows[0][4] == "10 days overdue"
    assert "Shelter standards" not in html and "Never scheduled" not in html
    assert reverse("wagtailadmin_pages:edit", args=[overdue.pk]) in html
    menu = client.get("/admin/").content.decode()
    assert DUE_URL in menu and STATUS_URL in menu


def test_due_for_review_can_include_pages_due_soon(client, reviewer, review_dates):
    client.force_login(reviewer)

    rows = table_rows(client.get(DUE_URL, {"due_within": 30}).content.decode())
    only_standards = table_rows(
        client.get(DUE_URL, {"due_within": 30, "page_type": "standardpage"}).content.decode()
    )

    assert [(row[0], row[4]) for row in rows] == [
        ("Old screening guidance", "10 days overdue"),
        ("Shelter standards", "Due in 20 days"),
    ]
    assert [row[0] for row in only_standards] == ["Shelter standards"]


def test_due_for_review_exports_its_rows_as_csv(client, editor, review_dates):
    overdue, _upcoming = review_dates
    client.force_login(editor)

    response = client.get(DUE_URL, {"export": "csv"})

    assert response["Content-Type"] == "text/csv"
    header, *rows = csv_rows(response)
    assert header[:5] == ["Title", "Type", "Themes", "Next review due", "Days overdue"]
    assert len(rows) == 1
    assert rows[0][0] == "Old screening guidance"
    assert rows[0][3] == (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    assert rows[0][4] == "10"
    assert rows[0][6].endswith(f"/admin/pages/{overdue.pk}/edit/")


def test_due_for_review_csv_shows_formula_titles_as_text_and_keeps_numbers(
    client, editor, theme_page
):
    today = timezone.localdate()
    for number, payload in enumerate(PAYLOADS):
        GuidancePageFactory(
            parent=theme_page,
            title=payload,
            slug=f"payload-{number}",
            next_review_due=today + datetime.timedelta(days=5),
        )
    client.force_login(editor)

    _header, *rows = csv_rows(client.get(DUE_URL, {"due_within": 30, "export": "csv"}))

    assert sorted(spreadsheet_sees(row[0]) for row in rows) == sorted(
        ("text", payload) for payload in PAYLOADS
    )
    assert {row[4] for row in rows} == {"-5"}  # days overdue: a number, left as one


@pytest.fixture
def translations(theme_page):
    """One page whose French lags behind its English, one translated, neither in Spanish."""
    revised = GuidancePageFactory(parent=theme_page, title="Referral", summary="Refer.")
    revised.title_fr, revised.summary_fr, revised.slug_fr = "Orientation", "Orienter.", "ori"
    publish(revised)
    revised.summary_en = "Refer, as revised after the 2026 review."
    publish(revised)
    current = GuidancePageFactory(parent=theme_page, title="Consent", summary="Ask.")
    current.title_fr, current.summary_fr, current.slug_fr = "Consentement", "Demander.", "con"
    publish(current)
    return revised, current


def test_translation_status_shows_each_language_in_words(client, translator, translations):
    client.force_login(translator)

    html = client.get(STATUS_URL).content.decode()

    header = text_of(html.split("<thead>", 1)[1].split("</thead>", 1)[0])
    assert header.startswith("Page Type English (en) French (fr) Spanish (es) Arabic (ar)")
    rows = {row[0]: row[2:] for row in table_rows(html)}
    assert rows["Referral"] == [
        "Translated",
        "Outdated",
        "Missing",
        "Missing",
        "Missing",
        "Missing",
    ]
    assert rows["Consent"] == [
        "Translated",
        "Translated",
        "Missing",
        "Missing",
        "Missing",
        "Missing",
    ]
    totals = text_of(html.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0])
    assert "Total Missing 0 0 2 2 2 2" in totals
    assert "Total Outdated 0 1 0 0 0 0" in totals
    assert "Total Translated 2 1 0 0 0 0" in totals


def test_translation_status_filters_by_language_and_status(client, editor, translations):
    client.force_login(editor)

    outdated_fr = client.get(STATUS_URL, {"language": "fr", "status": "outdated"})
    missing_anywhere = client.get(STATUS_URL, {"status": "missing"})

    html = outdated_fr.content.decode()
    assert [row[:3] for row in table_rows(html)] == [["Referral", "Guidance page", "Outdated"]]
    assert "Spanish (es)" not in html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert sorted(row[0] for row in table_rows(missing_anywhere.content.decode())) == [
        "Consent",
        "Referral",
    ]


def test_translation_status_exports_csv(client, reviewer, translations):
    client.force_login(reviewer)

    header, *rows = csv_rows(client.get(STATUS_URL, {"export": "csv"}))

    assert header[:4] == ["Title", "Type", "English", "French"]
    assert sorted(row[:4] for row in rows) == [
        ["Consent", "Guidance page", "Translated", "Translated"],
        ["Referral", "Guidance page", "Translated", "Outdated"],
    ]


@pytest.mark.parametrize("url", [DUE_URL, STATUS_URL, f"{STATUS_URL}?export=csv"])
def test_reports_send_anonymous_visitors_to_the_login(client, editorial, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url", [DUE_URL, STATUS_URL, f"{DUE_URL}?export=csv"])
def test_reports_refuse_people_without_admin_access(client, editorial, review_dates, url):
    client.force_login(UserFactory())

    response = client.get(url, follow=True)

    html = response.content.decode()
    assert "You do not have permission to access the admin." in html
    assert "Old screening guidance" not in html


def test_reports_refuse_admin_users_who_cannot_edit_pages(client, editorial, review_dates):
    """Admin access alone (say, a documents-only account) does not open the reports."""
    documents_only = Group.objects.create(name="Documents only")
    documents_only.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(documents_only)
    client.force_login(user)

    response = client.get(DUE_URL, follow=True)
    export = client.get(DUE_URL, {"export": "csv"})

    html = response.content.decode()
    assert "Sorry, you do not have permission to access this area." in html
    assert "Old screening guidance" not in html
    assert export.status_code == 302
    assert export["Location"] == reverse("wagtailadmin_home")
    assert DUE_URL not in client.get("/admin/").content.decode()  # nor in the Reports menu
