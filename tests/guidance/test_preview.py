"""Editors preview a page in each language, Arabic right to left, without counting a read."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from guidance.models import PageViewCount
from tests.conftest import publish
from tests.courses.conftest import build_course
from tests.factories import GuidancePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_preview_modes_offer_every_language_and_arabic_renders_right_to_left(theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How.")
    page.title_ar, page.summary_ar, page.slug_ar = "الفحص", "كيف.", "screening"
    publish(page)

    response = page.make_preview_request(preview_mode="ar")
    html = response.content.decode()

    assert [code for code, _name in page.preview_modes] == ["en", "fr", "es", "ar", "ru", "zh-hans"]
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>الفحص</h1>" in html
    assert not PageViewCount.objects.filter(page=page).exists()


def test_preview_of_a_missing_translation_shows_what_readers_will_see(theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How.")

    html = page.make_preview_request(preview_mode="fr").content.decode()

    assert '<html lang="fr" dir="ltr">' in html
    assert 'class="notice notice--fallback"' in html


# Reviewers preview what waits for them ---------------------------------------------


@pytest.fixture
def moderator(home):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def with_pending_revision(page, new_title):
    """A newer revision of a live page, submitted to a workflow the Moderators approve."""
    workflow = Workflow.objects.create(name="Moderation", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    task.groups.add(Group.objects.get(name="Moderators"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page.title = new_title
    page.title_fr = f"{new_title} (fr)"
    revision = page.save_revision(user=UserFactory())
    workflow.start(page, UserFactory())
    return revision


@pytest.mark.parametrize("kind", ["guidance", "course"])
def test_reviewer_previews_a_page_with_a_pending_revision_in_each_language(
    client, theme_page, home, moderator, kind
):
    if kind == "guidance":
        page = publish(GuidancePageFactory(parent=theme_page, title="Screening", summary="How."))
    else:
        page = build_course(home).course
    revision = with_pending_revision(page, "Awaiting review")
    page.refresh_from_db()
    client.force_login(moderator)

    task = page.current_workflow_task
    workflow_preview = client.get(
        reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task.pk))
    )
    revision_preview = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=(page.pk, revision.pk))
    )
    for response in (workflow_preview, revision_preview):
        assert response.status_code == 200
        assert "Awaiting review" in response.content.decode()
