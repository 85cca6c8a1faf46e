"""Learner accounts: register, confirm the email address, sign in and out, profile, privacy.

A new account enrols in a course only once its email address is confirmed: every progress
record and certificate then belongs to an address someone has shown they own. Until then
nothing anyone typed is mailed to the address (no name in the confirmation mail), and
registration answers the same whether the address is new or has an account already (its
owner gets a mail saying so), so the form tells nobody who has an account. The new
account signs in once the confirmation link has shown the address is theirs.

Sign-in, registration, password reset and the confirmation link are limited per address
and per client (`foundation.throttles`).
"""

import datetime
import json

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.hashers import make_password
from django.contrib.auth.views import LoginView, LogoutView, PasswordResetView
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.forms import DeleteAccountForm, EmailAuthenticationForm, ProfileForm, RegistrationForm
from courses.models.learning import LearnerProfile
from courses.permissions import is_trainer
from courses.privacy import delete_account, export_learner_data, privacy_notice_page
from courses.role_requests import latest_request
from courses.tracking import profile_of
from courses.views import learner_login_required
from foundation import throttles

User = get_user_model()

VERIFY_SALT = "courses.verify-email"
VERIFY_MAX_AGE = datetime.timedelta(days=7)


def home_url():
    return reverse("wagtail_serve", args=[""])


# Email confirmation ----------------------------------------------------------------


def _address_digest(email):
    return salted_hmac(VERIFY_SALT, email.lower(), algorithm="sha256").hexdigest()[:32]


def verification_token(user):
    # A digest of the address is signed in, not the address (links end up in logs): a link
    # sent to an old address stops working once the address changes.
    return signing.dumps([user.pk, _address_digest(user.email)], salt=VERIFY_SALT)


def send_verification_email(request, user):
    profile = profile_of(user)
    language = profile.preferred_language if profile else translation.get_language()
    with translation.override(language):
        link = request.build_absolute_uri(
            reverse("courses:verify_email", args=[verification_token(user)])
        )
        context = {"user": user, "profile": profile, "link": link, "days": VERIFY_MAX_AGE.days}
        subject = render_to_string("courses/accounts/emails/verify_subject.txt", context)
        body = render_to_string("courses/accounts/emails/verify_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def verify_email(request, token):
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "courses/accounts/verify_failed.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "courses/accounts/verify_failed.html", status=400)
    user_id, digest = data if isinstance(data, list) and len(data) == 2 else (None, "")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    profile = profile_of(user) if user else None
    if profile is None or not constant_time_compare(digest, _address_digest(user.email)):
        return render(request, "courses/accounts/verify_failed.html", status=400)
    if not profile.email_verified:
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified_at"])
    return render(request, "courses/accounts/verified.html", {"verified_user": user})


def send_registration_attempt_email(request, user):
    """To the owner of an address someone tried to register again: nothing else happens."""
    profile = profile_of(user)
    language = profile.preferred_language if profile else translation.get_language()
    with translation.override(language):
        context = {
            "sign_in": request.build_absolute_uri(reverse("courses:login")),
            "reset": request.build_absolute_uri(reverse("courses:password_reset")),
        }
        subject = render_to_string("courses/accounts/emails/registered_again_subject.txt", context)
        body = render_to_string("courses/accounts/emails/registered_again_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


@require_POST
@learner_login_required
def resend_verification(request):
    if profile_of(request.user) is None:
        messages.error(request, _("Fill in your profile first."))
    elif profile_of(request.user).email_verified:
        messages.info(request, _("Your email address is already confirmed."))
    elif wait := throttles.CONFIRMATION_LINK.wait(request, request.user.email):
        messages.error(request, throttles.message(wait))
        return throttles.too_many(_profile_page(request), wait)
    else:
        throttles.CONFIRMATION_LINK.count(request, request.user.email)
        send_verification_email(request, request.user)
        messages.success(
            request,
            _("We sent a new confirmation link to %(email)s.") % {"email": request.user.email},
        )
    return redirect("courses:profile")


# Registration and sign-in ----------------------------------------------------------


def _owner_of(email):
    return (
        User.objects.filter(username__iexact=email).first()
        or User.objects.filter(email__iexact=email).first()
    )


def register(request):
    if request.user.is_authenticated:
        return redirect("courses:my_learning")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if wait := throttles.REGISTRATION.wait(request, email):
            form.add_error(None, throttles.message(wait))
            context = {"form": form, "privacy_notice": privacy_notice_page()}
            response = render(request, "courses/accounts/register.html", context)
            return throttles.too_many(response, wait)
        throttles.REGISTRATION.count(request, email)
        owner = _owner_of(email)
        if owner is None:
            try:
                with transaction.atomic():
                    user = User.objects.create_user(
                        username=email, email=email, password=form.cleaned_data["password1"]
                    )
                    profile = form.save(commit=False)
                    profile.user = user
                    profile.save()
            except IntegrityError:
                owner = _owner_of(email)  # registered a moment ago, in another tab
            else:
                send_verification_email(request, user)
        if owner is not None:
            make_password(form.cleaned_data["password1"])  # as long as a new account takes
            send_registration_attempt_email(request, owner)
        return redirect("courses:register_done")
    context = {"form": form, "privacy_notice": privacy_notice_page()}
    return render(request, "courses/accounts/register.html", context)


def register_done(request):
    return render(request, "courses/accounts/register_done.html")


class LearnerLoginView(throttles.ThrottledSignInViewMixin, LoginView):
    template_name = "courses/accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a `next`, "My learning" in the learner's preferred language."""
        profile = profile_of(self.request.user)
        language = profile.preferred_language if profile else translation.get_language()
        with translation.override(language):
            return reverse("courses:my_learning")


class LearnerPasswordResetView(throttles.ThrottledPasswordResetMixin, PasswordResetView):
    """Django's reset by email, limited per address and per client: each try sends mail."""

    template_name = "courses/accounts/password_reset_form.html"
    email_template_name = "courses/accounts/emails/password_reset_body.txt"
    subject_template_name = "courses/accounts/emails/password_reset_subject.txt"

    def get_success_url(self):
        return reverse("courses:password_reset_done")


class LearnerLogoutView(LogoutView):
    def get_default_redirect_url(self):
        return home_url()


# Profile and privacy ---------------------------------------------------------------


@learner_login_required
def profile(request):
    instance = profile_of(request.user) or LearnerProfile(
        user=request.user, full_name=request.user.get_full_name()
    )
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("courses:profile")
    return _profile_page(request, form, instance)


def _profile_page(request, form=None, instance=None):
    if instance is None:
        instance = profile_of(request.user) or LearnerProfile(
            user=request.user, full_name=request.user.get_full_name()
        )
    if form is None:
        form = ProfileForm(instance=instance)
    return render(
        request,
        "courses/accounts/profile.html",
        {
            "form": form,
            "learner_profile": instance if instance.pk else None,
            "is_trainer": is_trainer(request.user),
            "role_request": latest_request(request.user),
        },
    )


@learner_login_required
def export_data(request):
    data = export_learner_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-learning-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@learner_login_required
def delete(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        return redirect("courses:account_deleted")
    return render(request, "courses/accounts/delete.html", {"form": form})


def account_deleted(request):
    return render(request, "courses/accounts/deleted.html")
