"""The demo courses `make run` loads: complete, translated, readable, with a demo trainer
and a training session of theirs whose participants are part-way through."""

import datetime
import io
import re

import pytest

from django.contrib.auth import authenticate
from django.utils import timezone, translation
from django.utils.html import strip_tags

from courses.demo import DEMO_LEARNER, DEMO_TRAINER, DEMO_TRAINING_SESSION, load_courses
from courses.models import (
    CompletionTally,
    CourseCompletion,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    TrainingSession,
)
from courses.permissions import sees_facilitator_material
from courses.recertification import path_for
from guidance.demo import load_taxonomies
from portal.demo import load_home

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def english_words(lesson):
    with translation.override("en"):
        text = " ".join(str(block.render()) for block in lesson.body)
    return len(re.findall(r"\w+", strip_tags(text)))


def test_demo_courses_are_complete_translated_and_readable(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    home, _created = load_home()
    load_taxonomies()
    output = io.StringIO()

    added = load_courses(home, stdout=output)

    courses = list(CoursePage.objects.live().order_by("path"))
    assert len(courses) == 3
    assert added == sum(1 + len(c.modules) + len(c.lessons) for c in courses)
    for course in courses:
        assert 3 <= len(course.lessons) <= 6, course.slug_en
        assert {"en", "fr", "es", "ar"} <= set(course.languages_available), course.slug_en
        assert course.audiences.exists() and course.facilitator_notes
        assert len(course.objective_list) >= 3
    lessons = list(LessonPage.objects.live())
    checked = [lesson for lesson in lessons if lesson.has_knowledge_check]
    assert len(checked) * 2 >= len(lessons)
    for lesson in lessons:
        assert english_words(lesson) >= 150, lesson.slug_en
    for lesson in checked:
        assert 2 <= len(lesson.knowledge_check) <= 4
        for block in lesson.knowledge_check:
            answers = block.value["answers"]
            assert 3 <= len(answers) <= 4 and any(a["correct"] for a in answers)
            assert all(a["feedback"] for a in answers)

    # Every course and lesson answers in English and in Arabic (right to left).
    for page in [*courses, *lessons]:
        for code in ("en", "ar"):
            with translation.override(code):
                url = page.url
            html = client.get(url).content.decode()
            assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in html, url
            assert 'class="notice notice--fallback"' not in html, url

    # The demo trainer signs in with the password kept in var/, which is never printed.
    password = (tmp_path / "demo-trainer-login").read_text().strip()
    trainer = authenticate(username=DEMO_TRAINER, password=password)
    assert trainer is not None and sees_facilitator_material(trainer)
    assert password not in output.getvalue()
    assert f"Demo trainer: {DEMO_TRAINER}" in output.getvalue()

    # The trainer's session of the first course: four invented participants, part-way.
    training_session = TrainingSession.objects.get(trainer=trainer)
    assert (training_session.name, training_session.course) == (DEMO_TRAINING_SESSION, courses[0])
    assert (
        f"Demo training session: {DEMO_TRAINING_SESSION} (join code {training_session.join_code})"
        in (output.getvalue())
    )
    participants = [enrolment.user for enrolment in training_session.enrolments.all()]
    assert 3 <= len(participants) <= 5
    assert not any(user.has_usable_password() for user in participants)
    hows = sorted(
        CourseCompletion.objects.filter(user__in=participants).values_list("how", flat=True)
    )
    assert hows == ["self", "trainer"]
    client.force_login(trainer)
    dashboard = client.get(f"/en/training/{training_session.pk}/").content.decode()
    assert "2 of 4 participants completed the course (50%)." in dashboard
    assert "Recorded by a trainer on" in dashboard and "Completed online on" in dashboard
    assert ">1 of 5</td>" in dashboard and ">2 of 5</td>" in dashboard  # part-way
    assert "<li>invited.participant@example.org</li>" in dashboard
    client.logout()

    # A second run adds nothing and keeps the trainer's password.
    assert load_courses(home) == 0
    assert CoursePage.objects.count() == 3
    assert TrainingSession.objects.count() == 1 and training_session.enrolments.count() == len(
        participants
    )
    assert authenticate(username=DEMO_TRAINER, password=password) is not None


def test_demo_session_is_consistent_in_time(settings, tmp_path):
    """What the demo participants did happened in an order that could have happened."""
    settings.VAR_DIR = tmp_path
    home, _created = load_home()
    load_taxonomies()
    load_courses(home)

    training_session = TrainingSession.objects.get(name=DEMO_TRAINING_SESSION)
    session_start = timezone.make_aware(
        datetime.datetime.combine(training_session.starts_on, datetime.time())
    )
    enrolments = list(training_session.enrolments.select_related("user"))
    assert enrolments
    for enrolment in enrolments:
        user = enrolment.user
        lessons = list(
            LessonCompletion.objects.filter(user=user).values_list("completed_at", flat=True)
        )
        attempts = list(
            QuizAttempt.objects.filter(user=user).values_list("submitted_at", flat=True)
        )
        assert lessons, user.email
        for when in lessons + attempts:
            assert enrolment.enrolled_at < when <= enrolment.last_activity_at, user.email
        assert enrolment.enrolled_at < session_start
        completion = CourseCompletion.objects.filter(
            user=user, course=training_session.course
        ).first()
        if completion is not None:
            assert session_start <= completion.completed_at <= enrolment.last_activity_at
            assert completion.completed_at <= timezone.now()
            if completion.how == CourseCompletion.SELF:
                assert completion.completed_at == max(lessons)

    # A session loaded before it was dated this way (everything "now") is re-dated once.
    Enrolment.objects.filter(training_session=training_session).update(
        enrolled_at=timezone.now(), last_activity_at=timezone.now()
    )
    load_courses(home)
    for enrolment in training_session.enrolments.all():
        assert enrolment.enrolled_at < session_start

    # The monthly tallies count the completions in the months they happened.
    completions = CourseCompletion.objects.filter(course=training_session.course)
    months = sorted(timezone.localdate(c.completed_at).replace(day=1) for c in completions)
    tallied = sorted(
        month
        for month, count in CompletionTally.objects.filter(
            course=training_session.course
        ).values_list("month", "count")
        for _ in range(count)
    )
    assert tallied == months

    # Its certificates are valid for a month: each shows an expiry within the reminder's
    # window, still valid today.
    assert completions
    for completion in completions:
        assert timezone.now() < completion.valid_until
        assert completion.valid_until <= timezone.now() + datetime.timedelta(days=30)

    # The demo learner signs in and may renew their certificate, which expires soon. The
    # library is not loaded here, so no guidance changed: the path is the knowledge checks
    # (with the library, the lesson whose guidance the demo changes).
    password = (tmp_path / "demo-learner-login").read_text().strip()
    learner = authenticate(username=DEMO_LEARNER, password=password)
    assert learner is not None
    held = CourseCompletion.objects.current().get(user=learner, course=training_session.course)
    path = path_for(held)
    assert path is not None and path.expires and path.checks_only
    checks = [lesson.pk for lesson in training_session.course.lessons if lesson.has_knowledge_check]
    assert path.lesson_ids == checks
