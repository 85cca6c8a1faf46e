"""Training sessions: a trainer creates one, participants join it with its code or their
invitation, and joining enrols them in its course."""

import datetime
import re

import pytest

from django.core import mail
from django.utils import timezone

from courses.models import Enrolment, TrainingSession, TrainingSessionInvitation
from courses.tracking import enrol
from courses.training_sessions import normalise_join_code, parse_addresses
from tests.courses.conftest import build_course, make_learner, make_training_session

pytestmark = pytest.mark.django_db


def session_form(tree, **overrides):
    today = timezone.localdate()
    data = {
        "course": tree.course.pk,
        "name": "Amman workshop, March",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=1)).isoformat(),
        "location": "Amman",
        "language": "ar",
        "access": "code",
        "invitations": "",
    }
    data.update(overrides)
    return data


def test_a_trainer_creates_a_session_with_a_join_code(client, tree, trainer):
    client.force_login(trainer)

    form = client.get("/en/training/new/")
    response = client.post("/en/training/new/", session_form(tree), follow=True)

    assert form.status_code == 200 and "New training session" in form.content.decode()
    training_session = TrainingSession.objects.get()
    assert (training_session.trainer, training_session.course, training_session.language) == (
        trainer,
        tree.course,
        "ar",
    )
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", training_session.join_code)
    html = response.content.decode()
    assert response.redirect_chain == [(f"/en/training/{training_session.pk}/", 302)]
    assert f"The training session is ready. Its join code is {training_session.join_code}." in html
    assert f'<dd class="join-code" dir="ltr">{training_session.join_code}</dd>' in html
    assert f"/en/learning/join/?code={training_session.join_code}" in html
    assert "Nobody has joined yet." in html
    listing = client.get("/en/training/").content.decode()
    assert f'<a href="/en/training/{training_session.pk}/">Amman workshop, March</a>' in listing


def test_the_session_form_refuses_wrong_dates_and_addresses(client, tree, trainer):
    client.force_login(trainer)
    today = timezone.localdate()

    response = client.post(
        "/en/training/new/",
        session_form(
            tree,
            ends_on=(today - datetime.timedelta(days=1)).isoformat(),
            invitations="ok@example.org\nnot-an-address",
            access="invited",
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The session cannot end before it starts." in html
    assert "These are not email addresses: not-an-address" in html
    assert not TrainingSession.objects.exists()
    empty_invited = client.post("/en/training/new/", session_form(tree, access="invited"))
    assert (
        "Invite at least one address, or let anyone with the join code join."
        in empty_invited.content.decode()
    )


def test_join_codes_are_forgiving_to_type_and_distinct(tree, trainer):
    training_sessions = [
        make_training_session(trainer, tree.course, name=f"Session {n}") for n in range(20)
    ]
    code = training_sessions[0].join_code

    assert len({training_session.join_code for training_session in training_sessions}) == 20
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalise_join_code(typed) == code
    assert normalise_join_code("ABCD-EFG") is None  # one short
    assert normalise_join_code("ABCD-EFGU") is None  # U is not in the alphabet


def test_invited_addresses_receive_the_code_once(client, tree, trainer):
    client.force_login(trainer)

    client.post(
        "/en/training/new/",
        session_form(
            tree, language="fr", invitations="Ana@Example.org, bo@example.org\nana@example.org"
        ),
    )
    training_session = TrainingSession.objects.get()

    assert sorted(training_session.invitations.values_list("email", flat=True)) == [
        "ana@example.org",
        "bo@example.org",
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "bo@example.org",
    ]
    assert all(len(message.to) == 1 and not message.cc for message in mail.outbox)
    assert training_session.join_code in mail.outbox[0].body
    assert (
        f"/fr/learning/join/?code={training_session.join_code}" in mail.outbox[0].body
    )  # its language
    assert "Amman workshop, March" in mail.outbox[0].subject

    # Editing: one address added, one removed; only the new one gets an email.
    mail.outbox.clear()
    client.post(
        f"/en/training/{training_session.pk}/edit/",
        session_form(tree, invitations="bo@example.org\ncy@example.org"),
    )
    assert sorted(training_session.invitations.values_list("email", flat=True)) == [
        "bo@example.org",
        "cy@example.org",
    ]
    assert [message.to for message in mail.outbox] == [["cy@example.org"]]


def test_parse_addresses_accepts_lines_commas_and_angle_brackets():
    assert parse_addresses("A@x.org, <b@x.org>;c@x.org\n\n a@X.org ") == (
        ["a@x.org", "b@x.org", "c@x.org"],
        [],
    )
    assert parse_addresses("a@x.org nope") == (["a@x.org"], ["nope"])


def test_editing_keeps_the_course_and_can_replace_the_code(client, home, tree, trainer):
    other = build_course(home, title="Data protection", slug="data-protection", index=tree.index)
    training_session = make_training_session(trainer, tree.course)
    old_code = training_session.join_code
    client.force_login(trainer)

    response = client.post(
        f"/en/training/{training_session.pk}/edit/",
        session_form(tree, course=other.course.pk, name="Renamed", new_code="on"),
    )

    training_session.refresh_from_db()
    assert response.status_code == 302
    assert training_session.name == "Renamed"
    assert training_session.course == tree.course  # the course field is disabled once created
    assert training_session.join_code != old_code
    learner = make_learner()
    client.force_login(learner)
    assert client.get("/en/learning/join/", {"code": old_code}).status_code == 404


def test_a_learner_sees_the_session_then_joins_and_is_enrolled(client, tree, trainer, learner):
    training_session = make_training_session(trainer, tree.course, location="Amman, Le Royal hotel")
    client.force_login(learner)

    page = client.get("/en/learning/join/", {"code": training_session.join_code.lower()})
    html = page.content.decode()
    assert page.status_code == 200
    assert '<h2 id="training-session-heading">Amman workshop, March</h2>' in html
    assert "<dt>Trainer</dt><dd>Tessa Trainer</dd>" in html
    assert "Amman, Le Royal hotel" in html
    assert "the trainer of this session sees your name, email address, organisation" in html
    assert not Enrolment.objects.exists()  # looking is not joining

    response = client.post("/en/learning/join/", {"code": training_session.join_code})

    assert response.status_code == 302 and response["Location"] == tree.course.url
    enrolment = Enrolment.objects.get(user=learner)
    assert (enrolment.course, enrolment.training_session) == (tree.course, training_session)
    course_html = client.get(tree.course.url).content.decode()
    assert (
        "You joined the training session Amman workshop, March and are enrolled in its course."
        in course_html
    )
    assert "You take this course in the training session Amman workshop, March." in course_html
    assert "0 of 3 lessons complete (0%)" in course_html

    again = client.post("/en/learning/join/", {"code": training_session.join_code}, follow=True)
    assert "You are in this training session already." in again.content.decode()
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_joining_keeps_progress_made_before(client, tree, trainer, learner):
    enrol(learner, tree.course, "en")
    client.force_login(learner)
    client.post(f"{tree.reading.url}complete/")
    training_session = make_training_session(trainer, tree.course)

    client.post("/en/learning/join/", {"code": training_session.join_code})

    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.training_session == training_session
    assert "1 of 3 lessons complete (33%)" in client.get(tree.course.url).content.decode()


def test_a_course_is_taken_in_one_session_only(client, tree, trainer, other_trainer, learner):
    first = make_training_session(trainer, tree.course, name="First session")
    second = make_training_session(other_trainer, tree.course, name="Second session")
    client.force_login(learner)
    client.post("/en/learning/join/", {"code": first.join_code})

    response = client.post("/en/learning/join/", {"code": second.join_code})

    assert response.status_code == 409
    assert (
        "You already take this course in another training session (First session)."
        in response.content.decode()
    )
    assert Enrolment.objects.get(user=learner).training_session == first


def test_an_unverified_learner_cannot_join_yet(client, tree, trainer):
    unverified = make_learner(verified=False)
    training_session = make_training_session(trainer, tree.course)
    client.force_login(unverified)

    shown = client.get("/en/learning/join/", {"code": training_session.join_code})
    response = client.post("/en/learning/join/", {"code": training_session.join_code})

    assert "Confirm your email address first" in shown.content.decode()
    assert "Join this training session</button>" not in shown.content.decode()
    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_an_invitation_only_session_takes_only_invited_addresses(client, tree, trainer):
    training_session = make_training_session(trainer, tree.course, access=TrainingSession.INVITED)
    TrainingSessionInvitation.objects.create(
        training_session=training_session, email="invited@example.org"
    )
    invited = make_learner(email="Invited@Example.org")
    stranger = make_learner(email="stranger@example.org", full_name="Sam Stranger")

    client.force_login(stranger)
    refused = client.post("/en/learning/join/", {"code": training_session.join_code})
    assert refused.status_code == 403
    assert "only for the email addresses its trainer invited" in refused.content.decode()
    assert not Enrolment.objects.filter(user=stranger).exists()
    assert "Your invitations" not in client.get("/en/learning/join/").content.decode()

    client.force_login(invited)
    offered = client.get("/en/learning/join/").content.decode()
    assert "Your invitations" in offered
    assert (
        f'href="/en/learning/join/?code={training_session.join_code}">Amman workshop, March</a>'
        in offered
    )
    mine = client.get("/en/learning/").content.decode()
    assert "You are invited to a training session" in mine
    joined = client.post("/en/learning/join/", {"code": training_session.join_code})
    assert joined.status_code == 302
    assert Enrolment.objects.get(user=invited).training_session == training_session
    assert "Your invitations" not in client.get("/en/learning/join/").content.decode()


def test_a_closed_session_takes_nobody(client, tree, trainer, learner):
    training_session = make_training_session(trainer, tree.course, access=TrainingSession.CLOSED)
    client.force_login(learner)

    response = client.post("/en/learning/join/", {"code": training_session.join_code})

    assert response.status_code == 403
    assert "This training session no longer takes new participants." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_wrong_codes_are_refused_and_a_run_of_them_stops_the_lookups(
    client, tree, trainer, learner
):
    training_session = make_training_session(trainer, tree.course)
    client.force_login(learner)

    wrong = client.get("/en/learning/join/", {"code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 404
    assert "No training session has this code." in wrong.content.decode()
    for _attempt in range(19):
        client.get("/en/learning/join/", {"code": "ZZZZ-ZZZZ"})

    # The twenty-first try is refused even with the right code.
    stopped = client.post("/en/learning/join/", {"code": training_session.join_code})
    assert stopped.status_code == 429
    assert "Too many attempts. Try again in" in stopped.content.decode()
    assert not Enrolment.objects.exists()
    # Another account is not held up.
    client.force_login(make_learner(full_name="Someone Else"))
    assert (
        client.post("/en/learning/join/", {"code": training_session.join_code}).status_code == 302
    )


def test_joining_needs_an_account(client, tree, trainer):
    training_session = make_training_session(trainer, tree.course)

    response = client.post("/en/learning/join/", {"code": training_session.join_code})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/learning/join/")
    assert not Enrolment.objects.exists()


def test_trainers_find_their_sessions_from_the_header(client, tree, trainer, learner):
    client.force_login(trainer)
    as_trainer = client.get(tree.course.url).content.decode()
    client.force_login(learner)
    as_learner = client.get(tree.course.url).content.decode()

    assert '<a href="/en/training/">Training sessions</a>' in as_trainer
    assert "/en/training/" not in as_learner


def test_a_private_course_keeps_its_sessions_private(client, tree, trainer, learner):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=tree.course, restriction_type=PageViewRestriction.GROUPS
    )
    training_session = make_training_session(trainer, tree.course)
    client.force_login(learner)

    response = client.post("/en/learning/join/", {"code": training_session.join_code})

    assert response.status_code == 403
    assert "This course is not open to your account." in response.content.decode()
    assert not Enrolment.objects.exists()


def restrict_to_a_group(course):
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    group = Group.objects.create(name="Border police trainers")
    restriction.groups.add(group)
    return group


def test_a_trainer_is_offered_only_the_courses_they_may_view(client, home, tree, trainer):
    private = build_course(home, title="Restricted interview techniques", slug="restricted").course
    group = restrict_to_a_group(private)
    client.force_login(trainer)

    form = client.get("/en/training/new/").content.decode()
    refused = client.post("/en/training/new/", session_form(tree, course=private.pk))

    assert "Safe first contact" in form
    assert "Restricted interview techniques" not in form
    assert refused.status_code == 200 and not TrainingSession.objects.exists()
    trainer.groups.add(group)
    assert "Restricted interview techniques" in client.get("/en/training/new/").content.decode()


def test_a_join_code_does_not_show_the_title_of_a_course_kept_from_the_learner(
    client, home, trainer, learner
):
    private = build_course(home, title="Restricted interview techniques", slug="restricted").course
    training_session = make_training_session(trainer, private)
    restrict_to_a_group(private)
    client.force_login(learner)

    shown = client.get("/en/learning/join/", {"code": training_session.join_code}).content.decode()

    assert "This course is not open to your account." in shown
    assert "Restricted interview techniques" not in shown
    assert private.url not in shown


def test_invitations_show_only_once_the_address_is_confirmed(client, tree, trainer):
    training_session = make_training_session(
        trainer, tree.course, access=TrainingSession.INVITED, location="Hotel Amman"
    )
    TrainingSessionInvitation.objects.create(
        training_session=training_session, email="invited@example.org"
    )
    squatter = make_learner(verified=False, email="invited@example.org")
    client.force_login(squatter)

    mine = client.get("/en/learning/").content.decode()
    join = client.get("/en/learning/join/").content.decode()

    assert "You are invited to a training session" not in mine
    assert "Your invitations" not in join
    assert training_session.join_code not in mine + join and "Hotel Amman" not in mine + join
