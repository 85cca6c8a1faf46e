"""Learner accounts: register, confirm the address, sign in and out, reset the password, profile."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.utils import translation
from django.utils.translation import gettext

from courses.models import Enrolment, LearnerProfile
from courses.views.accounts import VERIFY_SALT
from tests.courses.conftest import PASSWORD, make_learner, route

pytestmark = pytest.mark.django_db

User = get_user_model()

REGISTRATION = {
    "full_name": "Amina Haddad",
    "email": "Amina.Haddad@Example.org",
    "organisation": "Border Police Academy",
    "country": "Jordan",
    "preferred_language": "fr",
    "password1": "a long and uncommon passphrase",
    "password2": "a long and uncommon passphrase",
}


def link_in(message):
    return re.search(r"https?://\S+", message.body)[0]


def path_of(link):
    return re.sub(r"^https?://[^/]+", "", link)


def test_registration_sends_a_confirmation_link_in_the_chosen_language(client):
    response = client.post("/en/accounts/register/", REGISTRATION)

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/register/done/"
    user = User.objects.get()
    assert user.username == user.email == "amina.haddad@example.org"
    assert user.check_password("a long and uncommon passphrase")
    profile = user.learner_profile
    assert (profile.full_name, profile.organisation, profile.country) == (
        "Amina Haddad",
        "Border Police Academy",
        "Jordan",
    )
    assert not profile.email_verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina.haddad@example.org"]
    assert "/fr/accounts/verify/" in link_in(message)  # the preferred language's address
    assert "amina" not in link_in(message).lower()  # no address in a link that lands in logs
    done = client.get(response["Location"]).content.decode()
    assert "We sent a message to the address you gave." in done


def test_the_confirmation_mail_repeats_nothing_the_registration_typed(client):
    """Anyone can register someone else's address: nothing they type may reach its inbox."""
    client.post(
        "/en/accounts/register/",
        {**REGISTRATION, "full_name": "Your bank: call +1 555 0100", "organisation": "Bank"},
    )

    body = mail.outbox[0].body + mail.outbox[0].subject
    assert "555" not in body and "bank" not in body.lower()
    assert "Amina" not in body


def test_the_link_confirms_the_address_and_then_the_learner_may_enrol(client, tree):
    client.post("/en/accounts/register/", REGISTRATION)
    user = User.objects.get()
    assert "_auth_user_id" not in client.session  # signed in only with the password
    client.post(
        "/en/accounts/login/",
        {"username": "amina.haddad@example.org", "password": REGISTRATION["password1"]},
    )

    refused = client.post(route(tree.course, "enrol"), follow=True)
    assert not Enrolment.objects.exists()
    assert "Confirm your email address to enrol" in refused.content.decode()

    confirmed = client.get(path_of(link_in(mail.outbox[0])))
    assert confirmed.status_code == 200
    with translation.override("fr"):  # the link is in the learner's preferred language
        heading = gettext("Email address confirmed")
    assert f"<h1>{heading}</h1>" in confirmed.content.decode()
    assert LearnerProfile.objects.get(user=user).email_verified

    client.post(route(tree.course, "enrol"))
    assert Enrolment.objects.filter(user=user, course=tree.course).count() == 1


def test_a_tampered_or_stale_link_confirms_nothing(client):
    client.post("/en/accounts/register/", REGISTRATION)
    user = User.objects.get()
    genuine = path_of(link_in(mail.outbox[0])).split("/")[-2]
    forged = signing.dumps(signing.loads(genuine, salt=VERIFY_SALT), salt="another-purpose")
    user.email = "new.address@example.org"
    user.save()  # the link was sent to the old address

    for token in (forged, genuine, "not-a-token"):
        response = client.get(f"/en/accounts/verify/{token}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert not LearnerProfile.objects.get(user=user).email_verified


def test_registration_does_not_say_that_an_address_has_an_account(client):
    """The answer is the same for a taken address; its owner is told by mail instead."""
    first = client.post("/en/accounts/register/", REGISTRATION)
    new_address = client.get(first["Location"]).content.decode()
    mail.outbox.clear()

    again = client.post(
        "/en/accounts/register/", {**REGISTRATION, "email": "AMINA.haddad@example.org"}
    )

    assert (again.status_code, again["Location"]) == (first.status_code, first["Location"])
    assert client.get(again["Location"]).content.decode() == new_address
    assert User.objects.count() == 1
    assert User.objects.get().check_password(REGISTRATION["password1"])  # nothing changed
    assert [message.to for message in mail.outbox] == [["amina.haddad@example.org"]]
    owner_mail = mail.outbox[0]
    with translation.override("fr"):  # the owner's preferred language
        assert gettext("Someone tried to register with your address") in owner_mail.subject
    assert "/fr/accounts/login/" in owner_mail.body  # in the owner's language
    assert "/fr/accounts/password-reset/" in owner_mail.body
    assert "/verify/" not in owner_mail.body


@pytest.mark.parametrize("url", ["/en/accounts/login/", "/admin/login/"])
def test_a_run_of_wrong_passwords_locks_the_account_even_for_the_right_one(client, url):
    user = make_learner(email="jonas@example.org")
    user.is_superuser = user.is_staff = True
    user.save()

    for _guess in range(100):
        response = client.post(url, {"username": "jonas@example.org", "password": "guess"})
        if response.status_code == 429:
            break
    right = client.post(url, {"username": "jonas@example.org", "password": PASSWORD})

    assert right.status_code == 429
    assert "Too many attempts. Try again in" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_weak_or_mismatched_passwords_are_refused(client):
    weak = client.post(
        "/en/accounts/register/", {**REGISTRATION, "password1": "12345678", "password2": "12345678"}
    )
    mismatch = client.post(
        "/en/accounts/register/", {**REGISTRATION, "password2": "something else entirely"}
    )

    assert "This password is too common." in weak.content.decode()
    assert "The two passwords differ." in mismatch.content.decode()
    assert not User.objects.exists()


def test_sign_in_with_the_email_address_goes_to_my_learning_in_the_preferred_language(client):
    make_learner(email="jonas@example.org", preferred_language="es")

    response = client.post(
        "/en/accounts/login/", {"username": "  Jonas@Example.org ", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/es/learning/"
    assert "Amina Haddad" in client.get("/es/learning/").content.decode()


def test_wrong_password_does_not_sign_in(client):
    make_learner(email="jonas@example.org")

    response = client.post(
        "/en/accounts/login/", {"username": "jonas@example.org", "password": "nope"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_header_offers_sign_in_or_the_learners_own_pages(client, home, learner):
    anonymous = client.get("/fr/").content.decode()
    client.force_login(learner)
    signed_in = client.get("/fr/").content.decode()

    assert '<a href="/fr/accounts/login/">' in anonymous
    assert '<a href="/fr/accounts/register/">' in anonymous
    assert (
        '<a href="/fr/learning/">' in signed_in and '<a href="/fr/accounts/profile/">' in signed_in
    )
    assert '<a href="/fr/accounts/login/">' not in signed_in


def test_sign_out_is_a_post_and_ends_the_session(client, learner):
    client.force_login(learner)

    assert client.get("/en/accounts/logout/").status_code == 405
    response = client.post("/en/accounts/logout/")

    assert response.status_code == 302 and response["Location"] == "/en/"
    assert client.get("/en/learning/").status_code == 302


def test_password_reset_by_email_sets_a_new_password(client):
    user = make_learner(email="jonas@example.org")

    client.post("/ar/accounts/password-reset/", {"email": "JONAS@example.org"})
    assert len(mail.outbox) == 1
    link = path_of(link_in(mail.outbox[0]))
    assert link.startswith("/ar/accounts/password-reset/")
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password = form.redirect_chain[-1][0]
    client.post(
        set_password,
        {"new_password1": "another long passphrase", "new_password2": "another long passphrase"},
    )

    user.refresh_from_db()
    assert user.check_password("another long passphrase")


def test_pages_that_need_an_account_send_anonymous_readers_to_sign_in(client):
    for url in (
        "/fr/learning/",
        "/fr/accounts/profile/",
        "/fr/accounts/my-data.json",
        "/fr/accounts/delete/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/fr/accounts/login/?next="), url


def test_profile_edits_are_saved_and_shown_escaped(client, learner):
    client.force_login(learner)

    client.post(
        "/en/accounts/profile/",
        {
            "full_name": "<script>alert(1)</script>Amina",
            "organisation": "<b>Academy</b>",
            "country": "Jordan",
            "preferred_language": "ar",
        },
    )
    html = client.get("/en/learning/").content.decode()
    profile_html = client.get("/en/accounts/profile/").content.decode()

    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.preferred_language == "ar"
    assert "<script>alert(1)</script>" not in html + profile_html
    assert "Welcome, &lt;script&gt;alert(1)&lt;/script&gt;Amina." in html
    assert 'value="&lt;b&gt;Academy&lt;/b&gt;"' in profile_html


def test_unconfirmed_learner_sees_the_notice_and_can_ask_for_the_link_again(client):
    user = make_learner(verified=False)
    client.force_login(user)

    profile = client.get("/en/accounts/profile/").content.decode()
    assert "Your email address is not confirmed yet." in profile
    client.post("/en/accounts/verify/resend/")

    assert len(mail.outbox) == 1
    client.get(path_of(link_in(mail.outbox[0])))
    assert LearnerProfile.objects.get(user=user).email_verified


def test_registration_says_what_is_kept_and_marks_optional_fields(client, settings, theme_page):
    page = client.get("/en/accounts/register/").content.decode()

    assert "What we keep about you, and why" in page
    assert "Your name, to print it on your certificates." in page
    assert '<label for="id_organisation">Organisation (optional):</label>' in page
    assert '<label for="id_country">Country (optional):</label>' in page
    assert '<label for="id_full_name">Full name:</label>' in page
    assert "Read the privacy notice" not in page  # no privacy notice page yet

    # Once the site has its privacy notice, the page links to it, found by its type.
    settings.PRIVACY_NOTICE_PAGE = ("guidance.ThemePage", {"pk": theme_page.pk})
    page = client.get("/en/accounts/register/").content.decode()
    assert f'<a href="{theme_page.url}">Read the privacy notice</a>' in page


def test_the_profile_marks_optional_fields_in_arabic(client, learner):
    client.force_login(learner)
    page = client.get("/ar/accounts/profile/").content.decode()
    assert "(اختياري)" in page
