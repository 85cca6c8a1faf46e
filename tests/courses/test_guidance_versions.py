"""Training tied to guidance versions: what a course teaches, what a completion covered,
and who is told when that guidance changes significantly or is superseded."""

import pytest

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.demo import DEMO_CHANGE_NOTES, ensure_demo_guidance_change
from courses.knowledge_check import grade
from courses.models import CourseCompletion, LessonPage
from courses.tracking import complete_lesson, enrol, record_check
from guidance.models import GuidanceChange
from guidance.signals import significant_change
from tests.conftest import publish
from tests.courses.conftest import (
    RIGHT,
    add,
    build_course,
    make_learner,
    make_training_session,
)
from tests.courses.conftest import join as join_training_session
from tests.factories import GuidancePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

NOTES = {
    "en": "Interviews now start with the referral options.",
    "fr": "Les entretiens commencent désormais par les options d’orientation.",
    "es": "Las entrevistas empiezan ahora por las opciones de derivación.",
    "ar": "تبدأ المقابلات الآن بخيارات الإحالة.",
    "ru": "Собеседование теперь начинается с вариантов направления.",
    "zh_hans": "面谈现在从转介选项开始。",
}
REPORT = "/admin/training-review/training-to-review/"


def finish(user, tree):
    enrol(user, tree.course, "en")
    complete_lesson(user, tree.reading, "en")
    answers = QueryDict(mutable=True)
    answers.update(RIGHT)
    record_check(user, tree.check, grade(tree.check, answers), "en")
    complete_lesson(user, tree.last, "en")
    return CourseCompletion.objects.get(user=user, course=tree.course)


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def html_of(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


@pytest.fixture
def cited(tree, theme_page):
    """The course cites a standard edition; its knowledge-check lesson cites guidance."""
    guidance = publish(GuidancePageFactory(parent=theme_page, title="Screening interviews"))
    standard = publish(
        StandardPageFactory(
            parent=theme_page, title="Shelter standards", edition="1st edition, 2024"
        )
    )
    tree.check.related_guidance.add(guidance)
    publish(tree.check)
    tree.course.related_standards.add(standard)
    publish(tree.course)
    return guidance, standard


def change_significantly(page, notes=NOTES):
    page.significant_change = True
    for code, note in notes.items():
        setattr(page, f"change_note_{code}", note)
    return publish(page)


def test_course_and_lesson_pages_say_what_they_teach(client, tree, cited):
    guidance, standard = cited

    lesson = html_of(client, tree.check.url)
    course = html_of(client, tree.course.url)

    assert "This lesson teaches" in lesson
    version = '<span class="file-meta">(version of'
    assert f'<a href="{guidance.url}">Screening interviews</a> {version}' in lesson
    assert "This course teaches" in course
    edition = '<span class="file-meta">(1st edition, 2024)</span>'
    assert f'<a href="{standard.url}">Shelter standards</a> {edition}' in course
    assert "Screening interviews" in course  # the lessons' guidance too


def test_a_significant_publish_flags_the_training_and_tells_earlier_learners(
    client, admin_client, tree, cited, trainer
):
    guidance, _standard = cited
    training_session = make_training_session(trainer, tree.course)
    before, after = make_learner(full_name="Before Change"), make_learner(full_name="After")
    join_training_session(before, training_session)
    earlier = finish(before, tree)
    heard = []
    significant_change.connect(
        lambda **kwargs: heard.append(kwargs), weak=False, dispatch_uid="test-listener"
    )
    try:
        guidance = change_significantly(guidance)
    finally:
        significant_change.disconnect(dispatch_uid="test-listener")
    later = finish(after, tree)

    assert [kwargs["notes_by_language"]["fr"] for kwargs in heard] == [NOTES["fr"]]
    assert not guidance.significant_change and guidance.change_note_en == ""  # cleared
    change = GuidanceChange.objects.get(page=guidance)
    assert change.revision_id == guidance.live_revision_id
    assert change.note_ar == NOTES["ar"]

    report = html_of(admin_client, REPORT)
    assert "Signs of risk" in report  # the lesson that cites it
    assert NOTES["en"] in report
    assert "Shelter standards" not in report  # unchanged

    client.force_login(trainer)
    dashboard = html_of(client, f"/en/training/{training_session.pk}/")
    assert "The guidance this course teaches has changed" in dashboard
    assert NOTES["en"] in dashboard

    notice = "The guidance of this course changed since your training."
    client.force_login(before)
    assert notice in html_of(client, url("courses:my_learning"))
    page = html_of(client, url("courses:certificate", earlier.certificate_code))
    assert notice in page and NOTES["en"] in page
    with translation.override("fr"):
        assert NOTES["fr"] in html_of(client, url("courses:my_learning", language="fr"))

    client.force_login(after)
    assert notice not in html_of(client, url("courses:my_learning"))
    assert notice not in html_of(client, url("courses:certificate", later.certificate_code))

    # Publishing the lesson again (reviewed) takes it off the report.
    publish(tree.check)
    assert "Signs of risk" not in html_of(admin_client, REPORT)


def test_a_publish_not_marked_significant_changes_nothing(
    client, admin_client, tree, cited, learner
):
    guidance, _standard = cited
    finish(learner, tree)
    guidance.summary = "A reworded summary."
    publish(guidance)

    assert not GuidanceChange.objects.exists()
    assert "Signs of risk" not in html_of(admin_client, REPORT)
    client.force_login(learner)
    assert "changed since your training" not in html_of(client, url("courses:my_learning"))


def test_a_new_edition_superseding_a_cited_one_flags_the_course(
    client, admin_client, tree, cited, learner, theme_page
):
    _guidance, standard = cited
    finish(learner, tree)
    newer = StandardPageFactory(
        parent=theme_page, title="Shelter standards", edition="2nd edition, 2026"
    )
    standard.superseded_by = newer
    publish(standard)
    publish(standard)  # republishing records it once

    assert GuidanceChange.objects.filter(kind=GuidanceChange.SUPERSEDED).count() == 1
    report = html_of(admin_client, REPORT)
    assert "Safe first contact" in report
    assert "Superseded by a new edition" in report
    client.force_login(learner)
    assert "changed since your training" in html_of(client, url("courses:my_learning"))


def test_the_verification_page_shows_the_versions_a_completion_covered(
    client, tree, cited, learner
):
    guidance, standard = cited
    completion = finish(learner, tree)

    page = html_of(client, url("courses:verify_certificate", completion.certificate_code))

    assert "Guidance covered, in the version taught" in page
    assert "Shelter standards (1st edition, 2024)" in page
    assert f"revision {standard.live_revision_id}" in page
    assert f"revision {guidance.live_revision_id}" in page


def test_the_demo_changes_the_first_course_guidance_after_its_learners_completed(
    client, admin_client, tree, theme_page, learner
):
    guidance = publish(GuidancePageFactory(parent=theme_page, title="Indicators"))
    tree.course.related_guidance.add(guidance)
    publish(tree.course)
    finish(learner, tree)

    ensure_demo_guidance_change(tree.index)
    ensure_demo_guidance_change(tree.index)  # once only

    change = GuidanceChange.objects.get(page=guidance)
    assert all(getattr(change, f"note_{code}") for code in DEMO_CHANGE_NOTES)
    assert "Why first contact matters" in html_of(admin_client, REPORT)  # the lesson citing it
    client.force_login(learner)
    html = html_of(client, url("courses:my_learning", language="ar"))
    assert "تغيّرت إرشادات هذه الدورة منذ تدريبك." in html
    assert DEMO_CHANGE_NOTES["ar"] in html


def test_training_to_review_costs_the_same_queries_for_twice_the_lessons(
    client, admin_client, home, theme_page, trainer
):
    """Each lesson row names its course without a query of its own, in the admin's report
    and on the trainer's dashboard."""
    guidance = publish(GuidancePageFactory(parent=theme_page, title="Screening interviews"))
    first = build_course(home)
    second = build_course(home, title="Working with interpreters", slug="interpreters")
    training_session = make_training_session(trainer, first.course)
    client.force_login(trainer)
    dashboard = f"/en/training/{training_session.pk}/"
    cited = []  # (lesson, its course)

    def cite_in_new_lessons(count):
        for tree in (first, second):
            for _each in range(count):
                number = len(cited) + 1
                lesson = LessonPage(title=f"Cited lesson {number}", slug=f"cited-{number}")
                add(tree.modules[1], lesson)
                lesson.related_guidance.add(guidance)
                cited.append((publish(lesson), tree.course))
        if not GuidanceChange.objects.exists():
            change_significantly(guidance)
        GuidanceChange.objects.update(changed_at=timezone.now())  # after every lesson

    def counted(address, browser):
        html_of(browser, address)  # caches warm
        with CaptureQueriesContext(connection) as queries:
            html = html_of(browser, address)
        return len(queries), html

    counts = []
    for count in (2, 2):  # 2 lessons a course, then 4
        cite_in_new_lessons(count)
        report_queries, report = counted(REPORT, admin_client)
        dashboard_queries, page = counted(dashboard, client)
        counts.append((report_queries, dashboard_queries))
        for lesson, course in cited:
            row = report.split(f'href="/admin/pages/{lesson.pk}/edit/"', 1)[1]
            row = row.split("</tr>", 1)[0]
            assert course.title in row  # each row still names its course
            on_dashboard = f"lesson “{lesson.title}”" in page
            assert on_dashboard == (course.pk == first.course.pk)

    assert len(cited) == 8
    assert counts[0] == counts[1]
