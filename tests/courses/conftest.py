"""A small course to learn in, and the people who use it."""

from types import SimpleNamespace

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from courses.models import CourseIndexPage, CoursePage, LearnerProfile, LessonPage, ModulePage
from courses.permissions import TRAINERS
from tests.conftest import publish
from tests.factories import UserFactory

PASSWORD = "correct horse battery"

# Four questions with a pass mark of 75: three right passes, two right does not.
QUESTIONS = [
    (
        "Who should interpret at a first interview?",
        [
            ("A professional interpreter", True, "Right: trained and independent."),
            ("The travel companion", False, "A companion may be the one in control."),
            ("A child of the family", False, "Children must never interpret."),
        ],
    ),
    (
        "Where should the conversation happen?",
        [
            ("In a private space", True, "Privacy lets the person speak freely."),
            ("At the busy counter", False, "Others can overhear at a counter."),
        ],
    ),
    (
        "What do signs of risk prove?",
        [
            ("That the person is a victim", False, "Signs are prompts, not proof."),
            ("That you should look closer", True, "Yes: they are reasons to ask more."),
        ],
    ),
    (
        "Who decides whether to be referred?",
        [
            ("The person, once informed", True, "Consent comes first."),
            ("The official alone", False, "Referral needs informed consent."),
        ],
    ),
]
RIGHT = {"q1": "0", "q2": "0", "q3": "1", "q4": "0"}


def knowledge_check(questions=QUESTIONS):
    return [
        (
            "question",
            {
                "question": text,
                "answers": [
                    {"text": answer, "correct": correct, "feedback": feedback}
                    for answer, correct, feedback in answers
                ],
            },
        )
        for text, answers in questions
    ]


def add(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def build_course(home, title="Safe first contact", slug="safe-first-contact", index=None):
    if index is None:
        index = CourseIndexPage.objects.child_of(home).first() or add(
            home, CourseIndexPage(title="Courses", slug="courses")
        )
    course = add(
        index,
        CoursePage(
            title=title,
            slug=slug,
            overview="<p>How to meet a person in a vulnerable situation safely.</p>",
            objectives="Notice signs of risk\nRefer with consent",
            prerequisites="None.",
            level="introductory",
            duration_minutes=45,
            facilitator_notes="<p>Session plan: role-play in threes, 20 minutes.</p>",
        ),
    )
    first = add(course, ModulePage(title="Module 1: Noticing", slug="noticing"))
    second = add(course, ModulePage(title="Module 2: Acting", slug="acting"))
    reading = add(
        first,
        LessonPage(
            title="Why first contact matters",
            slug="why-first-contact-matters",
            body=[("paragraph", "<p>First contact is often the only chance to notice risk.</p>")],
            duration_minutes=10,
        ),
    )
    check = add(
        first,
        LessonPage(
            title="Signs of risk",
            slug="signs-of-risk",
            body=[("paragraph", "<p>Signs are prompts to look closer.</p>")],
            knowledge_check=knowledge_check(),
            pass_mark=75,
            duration_minutes=20,
        ),
    )
    further = add(
        second,
        LessonPage(
            title="Further reading",
            slug="further-reading",
            body=[("paragraph", "<p>Optional background.</p>")],
            required=False,
        ),
    )
    last = add(
        second,
        LessonPage(
            title="Referring with consent",
            slug="referring-with-consent",
            body=[("paragraph", "<p>Explain the options and let the person decide.</p>")],
        ),
    )
    return SimpleNamespace(
        index=index,
        course=course,
        modules=[first, second],
        reading=reading,
        check=check,
        further=further,
        last=last,
    )


@pytest.fixture
def tree(home):
    return build_course(home)


def make_learner(verified=True, email=None, **profile):
    user = UserFactory(username=email, email=email) if email else UserFactory()
    LearnerProfile.objects.create(
        user=user,
        full_name=profile.pop("full_name", "Amina Haddad"),
        organisation=profile.pop("organisation", "Border Police Academy"),
        country=profile.pop("country", "Jordan"),
        email_verified_at=timezone.now() if verified else None,
        **profile,
    )
    return user


@pytest.fixture
def learner(db):
    return make_learner()


@pytest.fixture
def other_learner(db):
    return make_learner(full_name="Jonas Berg", organisation="Red Cross", country="Norway")


@pytest.fixture
def trainer(db):
    user = make_learner(full_name="Tessa Trainer")
    group, _created = Group.objects.get_or_create(name=TRAINERS)
    user.groups.add(group)
    return user


def url_in(page, code):
    from django.utils import translation

    with translation.override(code):
        return page.url


def route(page, name, code="en"):
    return url_in(page, code) + page.reverse_subpage(name)


@pytest.fixture
def other_trainer(db):
    user = make_learner(full_name="Omar Other-Trainer", organisation="Another NGO")
    user.groups.add(Group.objects.get_or_create(name=TRAINERS)[0])
    return user


@pytest.fixture
def editor(db):
    """An editor of the library (Editors group, made by the migrations), not a superuser."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def make_training_session(trainer, course, **fields):
    from courses.models import TrainingSession
    from courses.training_sessions import new_join_code

    today = timezone.localdate()
    values = {
        "name": "Amman workshop, March",
        "starts_on": today,
        "ends_on": today,
        "location": "Amman",
        "language": "en",
        "access": TrainingSession.OPEN,
    }
    values.update(fields)
    return TrainingSession.objects.create(
        course=course, trainer=trainer, join_code=new_join_code(), **values
    )


def join(user, training_session, language="en"):
    from courses.training_sessions import join as join_training_session

    return join_training_session(user, training_session, language)
