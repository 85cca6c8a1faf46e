"""Who gets what: every course view, training page, export and certificate, for each of
six people, checked on the server.

The people: nobody signed in; a learner (participant of the trainer's session, who
completed the course); another learner (participant of the other trainer's session);
the trainer; another trainer; an editor (Editors group, not a superuser, no learner
profile). Each cell is the outcome the person gets: 200, a redirect to the learners' or
the admin's sign-in page, a redirect elsewhere, 403 or 404. Requests that change
something come after the reads they could affect, in the order of the table.
"""

import json

import pytest

from django.http import QueryDict
from django.utils import timezone

from courses.knowledge_check import grade
from courses.tracking import complete_lesson, record_check
from tests.courses.conftest import RIGHT, make_learner, make_training_session, route
from tests.courses.conftest import join as join_training_session

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "learner", "other learner", "trainer", "other trainer", "editor"]

LOGIN = "login"  # 302 to the learners' sign-in page, with ?next=
ADMIN_LOGIN = "admin login"  # 302 to the admin's sign-in page
ALL = ["200"] * 6

# One row per view, in the order the walk makes the requests; one column per person.
EXPECTED = {
    "course page": ALL,
    "module page": ALL,
    "lesson page": ALL,
    "certificate check (public)": ALL,
    "my learning": [LOGIN, "200", "200", "200", "200", "200"],
    "profile": [LOGIN, "200", "200", "200", "200", "200"],
    "my data (JSON)": [LOGIN, "200", "200", "200", "200", "200"],
    "join page": [LOGIN, "200", "200", "200", "200", "200"],
    "join page with a code": [LOGIN, "200", "200", "200", "200", "200"],
    "certificate page": [LOGIN, "200", "404", "404", "404", "404"],
    "certificate PDF": [LOGIN, "200", "404", "404", "404", "404"],
    "training sessions": [LOGIN, "403", "403", "200", "200", "403"],
    "new training session": [LOGIN, "403", "403", "200", "200", "403"],
    "dashboard (trainer's)": [LOGIN, "403", "403", "200", "404", "403"],
    "dashboard (other trainer's)": [LOGIN, "403", "403", "404", "200", "403"],
    "edit session (trainer's)": [LOGIN, "403", "403", "200", "404", "403"],
    "participants CSV (trainer's)": [LOGIN, "403", "403", "200", "404", "403"],
    "participants CSV (other trainer's)": [LOGIN, "403", "403", "404", "200", "403"],
    "record completion form (trainer's)": [LOGIN, "403", "403", "200", "404", "403"],
    "admin completion report": [ADMIN_LOGIN] * 5 + ["200"],
    "admin report results (filtering)": [ADMIN_LOGIN] * 5 + ["200"],
    "admin report CSV": [ADMIN_LOGIN] * 5 + ["200"],
    "admin report Excel": [ADMIN_LOGIN] * 5 + ["200"],
    "admin xAPI statements": [ADMIN_LOGIN] * 5 + ["200"],
    # Requests that write.
    "record completion (trainer's)": [LOGIN, "403", "403", "302 dashboard", "404", "403"],
    "save session (trainer's)": [LOGIN, "403", "403", "302 dashboard", "404", "403"],
    "complete a lesson": [LOGIN, "302 next lesson", "302 next lesson", "403", "403", "403"],
    "submit a knowledge check": [LOGIN, "200", "200", "403", "403", "403"],
    "enrol": [LOGIN] + ["302 course"] * 5,
}


@pytest.fixture
def world(tree, learner, other_learner, trainer, other_trainer, editor):
    ours = make_training_session(trainer, tree.course, name="Our session")
    theirs = make_training_session(other_trainer, tree.course, name="Their session")
    join_training_session(learner, ours)
    join_training_session(other_learner, theirs)
    waiting = make_learner(full_name="Wanda Waiting")
    join_training_session(waiting, ours)
    complete_lesson(learner, tree.reading, "en")
    answers = QueryDict(mutable=True)
    answers.update(RIGHT)
    record_check(learner, tree.check, grade(tree.check, answers), "en")
    completion = complete_lesson(learner, tree.last, "en").course_completion
    users = [None, learner, other_learner, trainer, other_trainer, editor]
    return {
        "users": dict(zip(PEOPLE, users, strict=True)),
        "ours": ours,
        "theirs": theirs,
        "waiting": waiting,
        "code": completion,
    }


def requests(tree, world):
    """{row: (method, url, data)} for each row of EXPECTED."""
    ours, theirs = world["ours"].pk, world["theirs"].pk
    code = world["code"].certificate_code
    today = timezone.localdate().isoformat()
    session = {
        "name": "Our session, renamed",
        "starts_on": today,
        "ends_on": today,
        "location": "",
        "language": "en",
        "access": "code",
        "invitations": "",
    }
    return {
        "course page": ("get", tree.course.url, None),
        "module page": ("get", tree.modules[0].url, None),
        "lesson page": ("get", tree.reading.url, None),
        "certificate check (public)": ("get", f"/en/certificates/verify/{code}/", None),
        "my learning": ("get", "/en/learning/", None),
        "profile": ("get", "/en/accounts/profile/", None),
        "my data (JSON)": ("get", "/en/accounts/my-data.json", None),
        "join page": ("get", "/en/learning/join/", None),
        "join page with a code": (
            "get",
            f"/en/learning/join/?code={world['ours'].join_code}",
            None,
        ),
        "certificate page": ("get", f"/en/learning/certificates/{code}/", None),
        "certificate PDF": ("get", f"/en/learning/certificates/{code}/pdf/", None),
        "training sessions": ("get", "/en/training/", None),
        "new training session": ("get", "/en/training/new/", None),
        "dashboard (trainer's)": ("get", f"/en/training/{ours}/", None),
        "dashboard (other trainer's)": ("get", f"/en/training/{theirs}/", None),
        "edit session (trainer's)": ("get", f"/en/training/{ours}/edit/", None),
        "participants CSV (trainer's)": ("get", f"/en/training/{ours}/participants.csv", None),
        "participants CSV (other trainer's)": (
            "get",
            f"/en/training/{theirs}/participants.csv",
            None,
        ),
        "record completion form (trainer's)": ("get", f"/en/training/{ours}/record/", None),
        "admin completion report": ("get", "/admin/course-reports/completions/", None),
        "admin report results (filtering)": (
            "get",
            f"/admin/course-reports/completions/results/?course={tree.course.pk}",
            None,
        ),
        "admin report CSV": ("get", "/admin/course-reports/completions/?export=csv", None),
        "admin report Excel": ("get", "/admin/course-reports/completions/?export=xlsx", None),
        "admin xAPI statements": ("get", "/admin/course-reports/completions/xapi.json", None),
        "record completion (trainer's)": (
            "post",
            f"/en/training/{ours}/record/",
            {"participants": [world["waiting"].pk], "note": "Workshop, both days."},
        ),
        "save session (trainer's)": ("post", f"/en/training/{ours}/edit/", session),
        "complete a lesson": ("post", route(tree.reading, "complete"), None),
        "submit a knowledge check": ("post", route(tree.check, "check"), RIGHT),
        "enrol": ("post", route(tree.course, "enrol"), None),
    }


def outcome(response, places):
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith("/en/accounts/login/?next="):
        return LOGIN
    if location.startswith("/admin/login/?next="):
        return ADMIN_LOGIN
    return "302 " + places.get(location, location)


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_every_view_answers_each_person_as_the_table_says(client, tree, world):
    users = world["users"]
    learner = users["learner"]
    places = {
        tree.course.url: "course",
        tree.check.url: "next lesson",
        f"/en/training/{world['ours'].pk}/": "dashboard",
    }
    actual, bodies = {}, {}
    for row, (method, url, data) in requests(tree, world).items():
        actual[row] = []
        for person in PEOPLE:
            client.logout()
            if users[person] is not None:
                client.force_login(users[person])
            response = getattr(client, method)(url, data or {})
            actual[row].append(outcome(response, places))
            bodies[row, person] = body(response)

    assert actual == EXPECTED

    # What a 200 shows is the data it is for; what a refusal shows is none of it.
    reveals = {
        "dashboard (trainer's)": learner.email,
        "dashboard (other trainer's)": users["other learner"].email,
        "participants CSV (trainer's)": learner.email,
        "participants CSV (other trainer's)": users["other learner"].email,
        "record completion form (trainer's)": "Wanda Waiting",
        "certificate page": world["code"].certificate_code + "</dd>",
        "admin completion report": "Amina Haddad",
        "admin report results (filtering)": "Amina Haddad",
        "admin report CSV": "Amina Haddad",
        "admin xAPI statements": str(learner.learner_profile.pseudonym),
    }
    for row, secret in reveals.items():
        for person, expected in zip(PEOPLE, EXPECTED[row], strict=True):
            shown = secret.encode() in bodies[row, person]
            assert shown == (expected == "200"), (row, person)
    assert bodies["certificate PDF", "learner"].startswith(b"%PDF")
    assert b"%PDF" not in bodies["certificate PDF", "other learner"]
    # When the editor asked, the learner's was the only completion.
    statements = json.loads(bodies["admin xAPI statements", "editor"])
    assert [item["actor"]["account"]["name"] for item in statements] == [
        str(learner.learner_profile.pseudonym)
    ]
