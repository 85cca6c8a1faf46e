"""A learner asks for the trainer role; an editor approves or refuses it in the admin;
the learner is told by email in their language. Nobody else decides."""

import html

import pytest

from django.contrib.auth.models import Group
from django.core import mail

from courses.models import TrainerRoleRequest
from courses.permissions import TRAINING_MANAGERS, is_trainer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REASON = "I run the border police academy's induction course in Amman, twelve times a year."
ADMIN = "/admin/trainer_role_requests/"


def text(response):
    return html.unescape(response.content.decode())


def ask(client, learner, language="en", reason=REASON):
    client.force_login(learner)
    return client.post(f"/{language}/training/request/", {"reason": reason})


def decide(client, editor, role_request, state, reply="", capture=None):
    client.force_login(editor)
    with capture(execute=True):
        return client.post(f"{ADMIN}edit/{role_request.pk}/", {"state": state, "reply": reply})


def test_the_refusal_page_and_the_profile_lead_to_the_request(client, learner):
    client.force_login(learner)

    refused = client.get("/en/training/")
    profile = client.get("/en/accounts/profile/")

    refused_html, profile_html = text(refused), text(profile)
    assert refused.status_code == 403
    assert "Your account is not a trainer's account." in refused_html
    assert 'href="/en/training/request/"' in refused_html
    assert "Ask for a trainer's account" in profile_html
    assert 'href="/en/training/request/"' in profile_html


def test_signing_in_comes_first(client):
    response = client.get("/en/training/request/")
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]


def test_a_learner_asks_once_until_it_is_decided(client, learner):
    response = ask(client, learner)

    assert response.status_code == 302
    role_request = TrainerRoleRequest.objects.get(user=learner)
    assert (role_request.state, role_request.reason) == ("pending", REASON)
    page = client.get("/en/training/request/").content.decode()
    assert "The editors have not decided yet" in page and "<textarea" not in page
    # Asking again while one waits adds nothing, however it is sent.
    ask(client, learner, reason="Again, in another tab.")
    assert TrainerRoleRequest.objects.filter(user=learner).count() == 1
    profile = client.get("/en/accounts/profile/").content.decode()
    assert "The editors have not decided yet" in profile


def test_an_empty_reason_is_refused(client, learner):
    response = ask(client, learner, reason="")
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not TrainerRoleRequest.objects.exists()


def test_an_editor_approves_and_the_learner_becomes_a_trainer(
    client, learner, editor, django_capture_on_commit_callbacks
):
    ask(client, learner, language="fr")
    role_request = TrainerRoleRequest.objects.get()

    client.force_login(editor)
    listing = client.get(ADMIN, {"state": "pending"}).content.decode()
    assert "Amina Haddad" in listing
    form = text(client.get(f"{ADMIN}edit/{role_request.pk}/"))
    assert REASON in form
    response = decide(
        client, editor, role_request, "approved", "Bienvenue.", django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    role_request.refresh_from_db()
    assert (role_request.state, role_request.decided_by) == ("approved", editor)
    assert is_trainer(learner)
    [message] = mail.outbox
    assert message.to == [learner.email]
    assert "formateur" in message.subject  # in French, the language they asked in
    assert "Bienvenue." in message.body and "/fr/training/" in message.body
    client.force_login(learner)
    assert client.get("/en/training/").status_code == 200
    assert client.get("/en/training/request/")["Location"] == "/en/training/"
    # The list filters by state.
    client.force_login(editor)
    assert "Amina Haddad" not in client.get(ADMIN, {"state": "pending"}).content.decode()
    assert "Amina Haddad" in client.get(ADMIN, {"state": "approved"}).content.decode()


def test_a_refused_learner_is_told_and_may_ask_again(
    client, learner, editor, django_capture_on_commit_callbacks
):
    ask(client, learner)
    role_request = TrainerRoleRequest.objects.get()

    decide(
        client,
        editor,
        role_request,
        "refused",
        "Please name your organisation.",
        django_capture_on_commit_callbacks,
    )

    role_request.refresh_from_db()
    assert role_request.state == "refused" and not is_trainer(learner)
    [message] = mail.outbox
    assert "was not approved" in message.body and "Please name your organisation." in message.body
    # Deciding again changes nothing and sends nothing.
    again = decide(client, editor, role_request, "approved", "", django_capture_on_commit_callbacks)
    assert "This request has been decided already." in again.content.decode()
    assert not is_trainer(learner) and len(mail.outbox) == 1
    # The learner sees the refusal and may ask again.
    client.force_login(learner)
    assert "was not approved" in client.get("/en/training/request/").content.decode()
    ask(client, learner, reason="For the Regional Labour Inspectorate, monthly.")
    assert TrainerRoleRequest.objects.filter(user=learner, state="pending").count() == 1


def test_a_non_editor_cannot_decide(client, learner, django_capture_on_commit_callbacks):
    ask(client, learner)
    role_request = TrainerRoleRequest.objects.get()
    manager = UserFactory()  # in the admin for reports, not an editor
    manager.groups.add(Group.objects.get(name=TRAINING_MANAGERS))

    client.force_login(manager)
    listing = client.get(ADMIN)
    response = decide(
        client, manager, role_request, "approved", "", django_capture_on_commit_callbacks
    )

    assert listing.status_code in {302, 403} and "Amina Haddad" not in listing.content.decode()
    assert response.status_code in {302, 403}
    role_request.refresh_from_db()
    assert role_request.state == "pending" and not is_trainer(learner)
    assert not mail.outbox
    # A learner who is not in the admin at all is sent to sign in there.
    assert client.get(f"{ADMIN}edit/{role_request.pk}/").status_code in {302, 403}


def test_the_request_is_in_the_learners_data_and_goes_with_the_account(client, learner):
    ask(client, learner)

    data = client.get("/en/accounts/my-data.json").json()

    [exported] = data["trainer_role_requests"]
    assert (exported["reason"], exported["state"]) == (REASON, "pending")
    learner.delete()
    assert not TrainerRoleRequest.objects.exists()
