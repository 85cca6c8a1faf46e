"""Enrolling, completing lessons, the progress bar and "Resume where you stopped"."""

import pytest

from django.test import Client

from courses.models import CompletionTally, CourseCompletion, Enrolment, LessonCompletion
from courses.tracking import enrol
from tests.courses.conftest import RIGHT, route

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(client, tree, learner):
    client.force_login(learner)
    client.post(route(tree.course, "enrol"))
    return learner


def test_enrolling_once_shows_an_empty_progress_bar_and_the_first_lesson(client, tree, learner):
    client.force_login(learner)

    first = client.post(route(tree.course, "enrol"))
    welcome = client.get(tree.course.url).content.decode()
    again = client.post(route(tree.course, "enrol"))

    assert first.status_code == again.status_code == 302
    assert Enrolment.objects.filter(user=learner, course=tree.course).count() == 1
    assert "You are enrolled. Your progress is saved as you go." in welcome
    html = client.get(tree.course.url).content.decode()
    assert "You are enrolled." not in html  # said once, not again on the second click
    assert '<progress max="3" value="0"' in html
    assert "0 of 3 lessons complete (0%)" in html
    assert f'href="{tree.reading.url}">Start the course: Why first contact matters</a>' in html


def test_marking_a_lesson_complete_moves_on_and_fills_the_bar(client, tree, enrolled):
    response = client.post(route(tree.reading, "complete"))

    assert response.status_code == 302
    assert response["Location"] == tree.check.url
    completion = LessonCompletion.objects.get(user=enrolled, lesson=tree.reading)
    assert (completion.how, completion.language) == ("marked", "en")
    assert (
        "Lesson complete: Why first contact matters" in client.get(tree.check.url).content.decode()
    )
    course_html = client.get(tree.course.url).content.decode()
    assert "1 of 3 lessons complete (33%)" in course_html
    done = course_html.split("Why first contact matters", 1)[1].split("</li>", 1)[0]
    assert '<span class="lesson-item__done">Done</span>' in done
    lesson_html = client.get(tree.reading.url).content.decode()
    assert "You have completed this lesson." in lesson_html
    assert "Mark this lesson complete" not in lesson_html


def test_resume_returns_to_the_last_lesson_opened_or_the_next_one_not_done(client, tree, enrolled):
    client.get(tree.last.url)
    html = client.get("/en/learning/").content.decode()
    assert f'href="{tree.last.url}">Resume: Referring with consent</a>' in html

    client.post(route(tree.last, "complete"))
    html = client.get("/en/learning/").content.decode()
    # Nothing after the last lesson is left, so it wraps round to the first lesson not done.
    assert f'href="{tree.reading.url}">Resume: Why first contact matters</a>' in html
    assert "1 of 3 lessons complete (33%)" in html


def test_my_learning_lists_each_course_with_its_progress(client, home, tree, enrolled):
    from tests.courses.conftest import build_course

    other = build_course(home, title="Data protection", slug="data-protection", index=tree.index)
    enrol(enrolled, other.course, "en")
    client.post(route(other.reading, "complete"))
    client.post(route(other.last, "complete"))

    html = client.get("/en/learning/").content.decode()

    entries = html.split('class="card learning-entry"')[1:]
    assert len(entries) == 2
    assert "Data protection" in entries[0] and "2 of 3 lessons complete (67%)" in entries[0]
    assert "Safe first contact" in entries[1] and "0 of 3 lessons complete (0%)" in entries[1]


def test_optional_lessons_do_not_hold_up_the_course(client, tree, enrolled):
    client.post(route(tree.reading, "complete"))
    client.post(route(tree.check, "check"), RIGHT)
    response = client.post(route(tree.last, "complete"))

    assert response["Location"] == tree.course.url
    assert not LessonCompletion.objects.filter(lesson=tree.further).exists()
    completion = CourseCompletion.objects.get(user=enrolled)
    assert completion.course == tree.course
    html = client.get(tree.course.url).content.decode()
    assert "You have completed the course. Your certificate is ready." in html
    assert "3 of 3 lessons complete (100%)" in html
    assert f'href="/en/learning/certificates/{completion.certificate_code}/"' in html


def test_completion_is_recorded_once_with_its_time_and_the_language_taken_in(
    client, tree, enrolled
):
    client.post(route(tree.reading, "complete", "ar"))
    client.post(route(tree.check, "check", "ar"), RIGHT)
    client.post(route(tree.last, "complete", "ar"))
    # Repeated submissions afterwards, in another language, change nothing.
    client.post(route(tree.last, "complete", "fr"))
    client.post(route(tree.check, "check", "fr"), RIGHT)

    completion = CourseCompletion.objects.get()
    assert completion.language == "ar"
    assert completion.completed_at is not None
    assert LessonCompletion.objects.filter(user=enrolled).count() == 3
    tally = CompletionTally.objects.get()
    assert (tally.course, tally.language, tally.count) == (tree.course, "ar", 1)
    assert tally.month == completion.completed_at.date().replace(day=1)


def test_progress_needs_an_account_and_an_enrolment(client, tree, learner):
    anonymous = client.post(route(tree.reading, "complete"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/?next=")

    client.force_login(learner)
    not_enrolled = client.post(route(tree.reading, "complete"))
    assert not_enrolled.status_code == 403
    assert "Enrol in the course to record your progress." in not_enrolled.content.decode()
    assert not LessonCompletion.objects.exists()


def test_actions_refuse_get_and_a_lesson_with_a_check_is_not_simply_marked(client, tree, enrolled):
    assert client.get(route(tree.reading, "complete")).status_code == 405
    assert client.get(route(tree.course, "enrol")).status_code == 405

    response = client.post(route(tree.check, "complete"))

    assert response.status_code == 400
    assert "This lesson is complete once you pass its knowledge check." in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_progress_requests_need_the_csrf_token(tree, learner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)

    response = browser.post(route(tree.course, "enrol"))

    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_a_private_course_keeps_its_actions_private(client, tree, learner):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=tree.course, restriction_type=PageViewRestriction.GROUPS
    )
    client.force_login(learner)

    lesson = client.get(tree.reading.url)
    response = client.post(route(tree.course, "enrol"))

    assert lesson.status_code == response.status_code == 302
    assert "/login/" in response["Location"]
    assert not Enrolment.objects.exists()
