"""Concurrent and repeated submissions leave exactly one record: nothing lost, nothing doubled.

Each request runs in its own thread, through the whole stack (middleware, Wagtail's
routing, the view), with its own database connection, released together by a barrier.
On PostgreSQL they really run at the same time, and the database's constraints and row
locks decide. SQLite's in-memory test database takes one writer at a time, so there they
run one after the other: the repeated-submission case.

`widened_race` holds each progress transaction open a little longer between recording a
lesson and checking the course, the moment where two unguarded transactions would each
miss the other's lesson. It slows the real code down; it replaces nothing.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.db import connection, connections
from django.test import Client

from courses import tracking
from courses.models import (
    CompletionTally,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)
from courses.tracking import complete_lesson, enrol
from tests.courses.conftest import RIGHT, build_course, make_learner, route

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.embedded,
]

TABS = 8


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def all_at_once(calls):
    """Run `calls` in parallel threads, started together; return their results in order."""
    start = threading.Barrier(len(calls))
    one_writer = threading.Lock() if connection.vendor == "sqlite" else None

    def run(call):
        try:
            start.wait(timeout=30)
            if one_writer is None:
                return call()
            with one_writer:
                return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def post(client, url, data=None):
    return lambda: client.post(url, data or {}).status_code


@pytest.fixture
def tree(home):
    return build_course(home)


@pytest.fixture
def widened_race(monkeypatch):
    real = tracking._complete_course_if_due

    def after_a_pause(*args, **kwargs):
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(tracking, "_complete_course_if_due", after_a_pause)


def test_the_same_lesson_submitted_from_many_tabs_completes_once(tree, widened_race):
    learner = make_learner()
    enrol(learner, tree.course, "en")
    complete_lesson(learner, tree.reading, "en")
    tabs = [signed_in(learner) for _ in range(TABS)]
    tabs[0].post(route(tree.check, "check"), RIGHT)

    statuses = all_at_once([post(tab, route(tree.last, "complete")) for tab in tabs])

    assert statuses == [302] * TABS
    assert LessonCompletion.objects.filter(user=learner, lesson=tree.last).count() == 1
    assert CourseCompletion.objects.filter(user=learner).count() == 1
    assert CompletionTally.objects.get(course=tree.course).count == 1


def test_the_last_two_lessons_completed_at_once_still_complete_the_course(tree, widened_race):
    learner = make_learner()
    enrol(learner, tree.course, "en")
    complete_lesson(learner, tree.reading, "en")
    # Two tabs, each finishing one of the two lessons left, at the same moment: each
    # transaction must see the other's lesson, or neither records the course.
    first, second = signed_in(learner), signed_in(learner)

    statuses = all_at_once(
        [
            post(first, route(tree.check, "check"), RIGHT),
            post(second, route(tree.last, "complete")),
        ]
    )

    assert statuses == [200, 302]
    assert LessonCompletion.objects.filter(user=learner).count() == 3
    assert CourseCompletion.objects.filter(user=learner).count() == 1
    assert CompletionTally.objects.get(course=tree.course).count == 1


def test_a_knowledge_check_passed_in_many_tabs_completes_once(tree, widened_race):
    learner = make_learner()
    enrol(learner, tree.course, "en")
    complete_lesson(learner, tree.reading, "en")
    complete_lesson(learner, tree.last, "en")
    tabs = [signed_in(learner) for _ in range(TABS)]

    statuses = all_at_once([post(tab, route(tree.check, "check"), RIGHT) for tab in tabs])

    assert statuses == [200] * TABS
    assert QuizAttempt.objects.filter(user=learner).count() == TABS  # each submission is kept
    assert LessonCompletion.objects.filter(user=learner, lesson=tree.check).count() == 1
    assert CourseCompletion.objects.filter(user=learner).count() == 1
    assert CompletionTally.objects.get(course=tree.course).count == 1


def test_enrolling_from_many_tabs_enrols_once(tree):
    learner = make_learner()
    tabs = [signed_in(learner) for _ in range(TABS)]

    statuses = all_at_once([post(tab, route(tree.course, "enrol")) for tab in tabs])

    assert statuses == [302] * TABS
    assert Enrolment.objects.filter(user=learner, course=tree.course).count() == 1


def test_many_learners_finishing_together_are_all_counted(tree, widened_race):
    learners = [make_learner(full_name=f"Learner {n}") for n in range(TABS)]
    clients = []
    for learner in learners:
        enrol(learner, tree.course, "es")
        complete_lesson(learner, tree.reading, "es")
        complete_lesson(learner, tree.last, "es")
        clients.append(signed_in(learner))

    statuses = all_at_once(
        [post(client, route(tree.check, "check", "es"), RIGHT) for client in clients]
    )

    assert statuses == [200] * TABS
    assert CourseCompletion.objects.filter(language="es").count() == TABS
    assert CompletionTally.objects.get(course=tree.course, language="es").count == TABS
