"""Training sessions under concurrent requests: joining and recorded completions happen once.

Real requests through the whole stack, one thread and database connection each, released
together (`all_at_once`, as in test_concurrency). On PostgreSQL they run at the same time
and the constraints, row locks and conditional updates decide; on SQLite they run one
after the other, which is the retry case.
"""

import time
from types import SimpleNamespace

import pytest

from django.utils import timezone

from courses import tracking, training_sessions
from courses.models import CompletionTally, CourseCompletion, Enrolment
from courses.tracking import complete_lesson, enrol
from tests.courses.conftest import RIGHT, make_learner, make_training_session, route
from tests.courses.test_concurrency import TABS, all_at_once, post, signed_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.embedded,
]


def trainer_of_a_session(tree, name="Tessa Trainer"):
    from django.contrib.auth.models import Group

    from courses.permissions import TRAINERS

    trainer = make_learner(full_name=name)
    trainer.groups.add(Group.objects.get_or_create(name=TRAINERS)[0])
    return trainer, make_training_session(trainer, tree.course)


@pytest.fixture
def widened_race(monkeypatch):
    """Hold each completion's transaction open a little longer, on both paths."""
    learner_path = tracking._complete_course_if_due
    trainer_path = training_sessions.new_code

    def learner_after_a_pause(*args, **kwargs):
        time.sleep(0.3)
        return learner_path(*args, **kwargs)

    def trainer_after_a_pause(*args, **kwargs):
        time.sleep(0.3)
        return trainer_path(*args, **kwargs)

    monkeypatch.setattr(tracking, "_complete_course_if_due", learner_after_a_pause)
    monkeypatch.setattr(training_sessions, "new_code", trainer_after_a_pause)


@pytest.fixture
def slow_join(monkeypatch):
    """Pause between reading the enrolment and setting its session, where two joins meet."""

    def now_after_a_pause():
        time.sleep(0.3)
        return timezone.now()

    monkeypatch.setattr(training_sessions, "timezone", SimpleNamespace(now=now_after_a_pause))


def test_a_trainer_recording_while_the_learner_finishes_leaves_one_completion(tree, widened_race):
    trainer, training_session = trainer_of_a_session(tree)
    learner = make_learner()
    training_sessions.join(learner, training_session, "en")
    complete_lesson(learner, tree.reading, "en")
    complete_lesson(learner, tree.last, "en")
    as_learner, as_trainer = signed_in(learner), signed_in(trainer)

    statuses = all_at_once(
        [
            post(as_learner, route(tree.check, "check"), RIGHT),
            post(
                as_trainer,
                f"/en/training/{training_session.pk}/record/",
                {"participants": [learner.pk], "note": "Workshop."},
            ),
        ]
    )

    assert statuses == [200, 302]
    completion = CourseCompletion.objects.get(user=learner)  # exactly one, either kind
    assert completion.how in {CourseCompletion.SELF, CourseCompletion.TRAINER}
    assert CompletionTally.objects.get(course=tree.course).count == 1


def test_the_record_form_sent_from_two_tabs_records_once(tree, widened_race):
    trainer, training_session = trainer_of_a_session(tree)
    participants = [make_learner(full_name=f"Participant {n}") for n in range(3)]
    for user in participants:
        training_sessions.join(user, training_session, "en")
    tabs = [signed_in(trainer) for _ in range(2)]
    data = {"participants": [user.pk for user in participants], "note": "Workshop."}

    statuses = all_at_once(
        [post(tab, f"/en/training/{training_session.pk}/record/", data) for tab in tabs]
    )

    assert statuses == [302, 302]
    assert CourseCompletion.objects.filter(how=CourseCompletion.TRAINER).count() == 3
    assert CompletionTally.objects.get(course=tree.course).count == 3


def test_joining_from_many_tabs_joins_once(tree):
    _trainer, training_session = trainer_of_a_session(tree)
    learner = make_learner()
    tabs = [signed_in(learner) for _ in range(TABS)]

    statuses = all_at_once(
        [post(tab, "/en/learning/join/", {"code": training_session.join_code}) for tab in tabs]
    )

    assert statuses == [302] * TABS
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.training_session == training_session


def test_two_sessions_of_one_course_joined_at_once_take_the_learner_once(tree, slow_join):
    _first_trainer, first = trainer_of_a_session(tree)
    _second_trainer, second = trainer_of_a_session(tree, name="Omar Other")
    learner = make_learner()
    enrol(learner, tree.course, "en")  # enrolled already: both requests race to set the session
    tabs = [signed_in(learner), signed_in(learner)]

    statuses = all_at_once(
        [
            post(tabs[0], "/en/learning/join/", {"code": first.join_code}),
            post(tabs[1], "/en/learning/join/", {"code": second.join_code}),
        ]
    )

    assert sorted(statuses) == [302, 409]
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.training_session in (first, second)


def test_many_participants_joining_together_are_all_in(tree):
    _trainer, training_session = trainer_of_a_session(tree)
    learners = [make_learner(full_name=f"Learner {n}") for n in range(TABS)]

    statuses = all_at_once(
        [
            post(signed_in(user), "/en/learning/join/", {"code": training_session.join_code})
            for user in learners
        ]
    )

    assert statuses == [302] * TABS
    assert Enrolment.objects.filter(training_session=training_session).count() == TABS
