"""A learner downloads all their data and deletes their account; only anonymous counts stay."""

import json

import pytest

from django.contrib.auth import get_user_model

from courses.models import (
    CompletionTally,
    CourseCompletion,
    Enrolment,
    LearnerProfile,
    LessonCompletion,
    QuizAttempt,
    WithdrawnCertificate,
)
from tests.courses.conftest import PASSWORD, route
from tests.courses.test_certificates import complete_course

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_the_export_holds_everything_about_the_learner_and_nobody_else(
    client, tree, learner, other_learner
):
    completion = complete_course(learner, tree, language="fr")
    complete_course(other_learner, tree)
    client.force_login(learner)
    client.post(route(tree.check, "check"), {"q1": "1", "q2": "1", "q3": "0", "q4": "1"})

    response = client.get("/en/accounts/my-data.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert 'attachment; filename="my-learning-data.json"' == response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == learner.email
    assert data["profile"] == {
        "full_name": "Amina Haddad",
        "organisation": "Border Police Academy",
        "country": "Jordan",
        "preferred_language": "en",
        "email_verified_at": learner.learner_profile.email_verified_at.isoformat(),
        "pseudonym": str(learner.learner_profile.pseudonym),
    }
    assert [item["course"]["title"] for item in data["enrolments"]] == ["Safe first contact"]
    assert [item["lesson"]["title"] for item in data["lesson_completions"]] == [
        "Why first contact matters",
        "Signs of risk",
        "Referring with consent",
    ]
    attempts = data["knowledge_check_attempts"]
    assert [(a["score"], a["passed"]) for a in attempts] == [(100, True), (0, False)]
    assert attempts[1]["answers_chosen"] == [1, 1, 0, 1]
    [certificate] = data["course_completions"]
    assert certificate["certificate_code"] == completion.certificate_code
    assert certificate["language"] == "fr"
    assert other_learner.email not in response.content.decode()
    assert "Jonas Berg" not in response.content.decode()


def test_deleting_the_account_keeps_only_anonymous_counts(client, tree, learner, other_learner):
    completion = complete_course(learner, tree, language="ar")
    complete_course(other_learner, tree, language="ar")
    client.force_login(learner)

    wrong = client.post("/en/accounts/delete/", {"password": "not mine"})
    assert "This is not your password." in wrong.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()

    response = client.post("/en/accounts/delete/", {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/en/accounts/deleted/"
    assert (
        "Your account and your personal data have been deleted."
        in client.get(response["Location"]).content.decode()
    )
    assert not User.objects.filter(pk=learner.pk).exists()
    assert not LearnerProfile.objects.filter(full_name="Amina Haddad").exists()
    for model in (Enrolment, LessonCompletion, QuizAttempt, CourseCompletion):
        assert not model.objects.filter(user_id=learner.pk).exists(), model.__name__
    # The other learner keeps everything; the counts keep both completions.
    assert CourseCompletion.objects.filter(user=other_learner).count() == 1
    assert CompletionTally.objects.get(course=tree.course, language="ar").count == 2
    assert WithdrawnCertificate.objects.filter(code=completion.certificate_code).exists()
    # The session is gone: the account pages ask to sign in again.
    assert client.get("/en/learning/").status_code == 302


def test_a_deleted_accounts_certificate_is_withdrawn_and_names_nobody(client, tree, learner):
    completion = complete_course(learner, tree)
    code = completion.certificate_code
    client.force_login(learner)
    client.post("/en/accounts/delete/", {"password": PASSWORD})

    response = client.get(f"/en/certificates/verify/{code}/")

    html = response.content.decode()
    assert response.status_code == 410
    assert "This certificate has been withdrawn." in html
    for personal in ("Amina Haddad", learner.email, "Safe first contact"):
        assert personal not in html


def test_an_account_deleted_in_the_admin_withdraws_its_certificates_too(tree, learner):
    completion = complete_course(learner, tree)

    learner.delete()

    assert WithdrawnCertificate.objects.filter(code=completion.certificate_code).exists()
    assert CompletionTally.objects.get(course=tree.course).count == 1


def test_training_sessions_are_in_the_export_and_go_with_the_account(
    client, tree, learner, trainer
):
    from courses.models import TrainingSessionInvitation
    from courses.training_sessions import join, record_completions
    from tests.courses.conftest import make_training_session

    training_session = make_training_session(trainer, tree.course, name="Amman workshop")
    training_session.invitations.create(email=learner.email.upper())
    join(learner, training_session, "en")
    record_completions(trainer, training_session, [learner], "Both days attended.")
    client.force_login(learner)

    data = json.loads(client.get("/en/accounts/my-data.json").content)

    assert data["format_version"] == 3
    [enrolment] = data["enrolments"]
    assert enrolment["training_session"]["name"] == "Amman workshop"
    assert enrolment["training_session"]["trainer"] == "Tessa Trainer"
    [certificate] = data["course_completions"]
    assert (certificate["how"], certificate["recorded_by"], certificate["note"]) == (
        "trainer",
        "Tessa Trainer",
        "Both days attended.",
    )
    assert [item["training_session"]["name"] for item in data["invitations"]] == ["Amman workshop"]

    client.post("/en/accounts/delete/", {"password": PASSWORD})

    assert not TrainingSessionInvitation.objects.exists()  # the address was the learner's data
    assert not CourseCompletion.objects.exists()  # with the trainer's note on it
    assert CompletionTally.objects.get(course=tree.course).count == 1
    # The session and its trainer stay; only the learner is gone from it.
    training_session.refresh_from_db()
    assert training_session.trainer == trainer and not training_session.enrolments.exists()


def test_a_deleted_trainers_sessions_stay_for_the_figures(client, tree, trainer, learner):
    from courses.training_sessions import join, record_completions
    from tests.courses.conftest import make_training_session

    training_session = make_training_session(trainer, tree.course)
    join(learner, training_session, "en")
    record_completions(trainer, training_session, [learner], "Both days attended.")

    trainer.delete()

    training_session.refresh_from_db()
    completion = CourseCompletion.objects.get(user=learner)
    assert training_session.trainer is None and training_session.enrolments.count() == 1
    assert (completion.how, completion.recorded_by) == ("trainer", None)
    client.force_login(learner)
    assert "as recorded by your trainer." in client.get(tree.course.url).content.decode()
