"""The limits on guessing and on mail (foundation/throttles.py), endpoint by endpoint.

Each endpoint is tried as an attacker would: over the limit for one account (or address)
it answers 429 with the message and when to retry; under it, as usual; another account,
or another client address, is not held up by someone else's count. The limits are lowered
here so that a test needs a handful of requests; what each one counts is the real code.
"""

import dataclasses
from collections.abc import Callable

import pytest

from django.utils import translation
from django.utils.translation import gettext

from courses.models import LearnerProfile
from foundation import throttles
from tests.courses.conftest import make_learner
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]

PER_ACCOUNT, PER_CLIENT = 2, 4
MESSAGE = "Too many attempts. Try again in"


@pytest.fixture(autouse=True)
def low_limits(monkeypatch):
    for name in (
        "SIGN_IN",
        "REGISTRATION",
        "PASSWORD_RESET",
        "CONFIRMATION_LINK",
        "CERTIFICATE_CODES",
        "JOIN_CODES",
    ):
        low = dataclasses.replace(
            getattr(throttles, name), per_account=f"{PER_ACCOUNT}/h", per_client=f"{PER_CLIENT}/h"
        )
        monkeypatch.setattr(throttles, name, low)


def address(who):
    return f"{who}@example.org"


def learner(who, verified=True):
    """The learner `who`, created once."""
    existing = LearnerProfile.objects.filter(user__email=address(who)).first()
    return existing.user if existing else make_learner(verified=verified, email=address(who))


def sign_in(client, who, remote):
    data = {"username": address(who), "password": "not the password"}
    return client.post("/en/accounts/login/", data, REMOTE_ADDR=remote)


def admin_sign_in(client, who, remote):
    data = {"username": who, "password": "not the password"}
    return client.post("/admin/login/", data, REMOTE_ADDR=remote)


def register(client, who, remote):
    data = {
        "full_name": "A learner",
        "email": address(who),
        "organisation": "",
        "country": "",
        "preferred_language": "en",
        "password1": "a long and uncommon passphrase",
        "password2": "a long and uncommon passphrase",
    }
    return client.post("/en/accounts/register/", data, REMOTE_ADDR=remote)


def reset_password(client, who, remote):
    return client.post("/en/accounts/password-reset/", {"email": address(who)}, REMOTE_ADDR=remote)


def admin_reset_password(client, who, remote):
    return client.post("/admin/password_reset/", {"email": address(who)}, REMOTE_ADDR=remote)


def resend_confirmation(client, who, remote):
    client.force_login(learner(who, verified=False))
    return client.post("/en/accounts/verify/resend/", REMOTE_ADDR=remote)


def verify_certificate(client, who, remote):
    client.force_login(learner(who))
    return client.get("/en/certificates/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ/", REMOTE_ADDR=remote)


def join_code(client, who, remote):
    client.force_login(learner(who))
    return client.post("/en/learning/join/", {"code": "ZZZZ-ZZZZ"}, REMOTE_ADDR=remote)


@dataclasses.dataclass
class Endpoint:
    name: str
    attempt: Callable
    normal: int  # the status of a counted try under the limit


ENDPOINTS = [
    Endpoint("learner sign-in", sign_in, 200),
    Endpoint("admin sign-in", admin_sign_in, 200),
    Endpoint("registration", register, 302),
    Endpoint("password reset", reset_password, 302),
    Endpoint("admin password reset", admin_reset_password, 302),
    Endpoint("resend confirmation", resend_confirmation, 302),
    Endpoint("certificate verification", verify_certificate, 404),
    Endpoint("join code", join_code, 404),
]


def refused(response):
    return (
        response.status_code == 429
        and MESSAGE in response.content.decode()
        and int(response["Retry-After"]) > 0
    )


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_one_account_over_its_limit_is_refused_and_another_is_not(client, endpoint):
    for _try in range(PER_ACCOUNT):
        assert endpoint.attempt(client, "amina", "10.0.0.1").status_code == endpoint.normal

    # Over the limit, from another address too: the account is what is held.
    assert refused(endpoint.attempt(client, "amina", "10.0.0.2"))
    assert endpoint.attempt(client, "bilal", "10.0.0.1").status_code == endpoint.normal


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_one_client_over_its_limit_is_refused_and_another_is_not(client, endpoint):
    for who in range(PER_CLIENT):
        assert endpoint.attempt(client, f"person{who}", "10.0.0.1").status_code == endpoint.normal

    assert refused(endpoint.attempt(client, "someone-new", "10.0.0.1"))
    assert endpoint.attempt(client, "someone-else", "10.0.0.9").status_code == endpoint.normal


def test_the_refusal_is_in_the_readers_language_with_the_page_around_it(client):
    wrong = {"username": "amina@example.org", "password": "x"}
    for _try in range(PER_ACCOUNT):
        client.post("/fr/accounts/login/", wrong)

    response = client.post("/fr/accounts/login/", wrong)

    with translation.override("fr"):
        heading = gettext("Sign in")
        words = gettext("Too many attempts. Try again in %(minutes)d minute.").split("%")[0]
    html = response.content.decode()
    assert response.status_code == 429
    assert words and words in html
    assert f"<h1>{heading}</h1>" in html and 'name="password"' in html


def test_the_right_password_is_refused_while_the_account_is_locked(client):
    user = UserFactory(username="amina@example.org", email="amina@example.org")
    for _try in range(PER_ACCOUNT):
        client.post("/en/accounts/login/", {"username": user.username, "password": "wrong"})

    response = client.post(
        "/en/accounts/login/", {"username": user.username, "password": "correct horse battery"}
    )

    assert refused(response)
    assert "_auth_user_id" not in client.session


def test_successful_sign_ins_from_one_room_do_not_count(client):
    users = [UserFactory(username=f"p{n}@example.org") for n in range(PER_CLIENT + 2)]

    for user in users:
        response = client.post(
            "/en/accounts/login/", {"username": user.username, "password": "correct horse battery"}
        )
        assert response.status_code == 302
        client.logout()
