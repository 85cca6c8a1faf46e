"""Limits on what can be guessed or can send mail: sign-in and password reset (learners'
and the admin's), registration, a new confirmation link, certificate codes and join codes.

Each limit counts twice, per account or email address and per client address, in Django's
configured cache through django-ratelimit, so every worker sharing that cache shares the
counts (the embedded default's local-memory cache counts per process). Guesses count only
when they fail (a wrong password, a code that opens nothing), so a room of participants
signing in from one network is not stopped by its own successes; requests that send mail
count every time. Once a count reaches its limit the request is refused before anything
is checked or sent, with HTTP 429, the page as it was and a message in the reader's
language, until the window ends. The right password is refused too while an account is
locked: that is what makes guessing pointless.

Behind a proxy, set RATELIMIT_IP_META_KEY so the client's address is the one counted.
"""

import math
from dataclasses import dataclass

from django_ratelimit.core import get_usage

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.views.account import LoginView, PasswordResetView

THROTTLED = "throttled"  # the code of the form error, and so the sign of a 429


@dataclass(frozen=True)
class Throttle:
    """A limit as "count/period" strings ("10/15m": 10 in a window of 15 minutes)."""

    name: str
    per_account: str
    per_client: str

    def _usages(self, request, account, increment):
        keys = [("client", "ip", self.per_client)]
        if account:
            keys.append(("account", lambda _group, _request: account, self.per_account))
        usages = []
        for kind, key, rate in keys:
            usage = get_usage(
                request, group=f"{self.name}:{kind}", key=key, rate=rate, increment=increment
            )
            if usage is not None:  # None: RATELIMIT_ENABLE is off
                usages.append(usage)
        return usages

    def wait(self, request, account=None):
        """Seconds until `request` may try again, or 0 when it may now."""
        waits = [
            max(usage["time_left"], 1)
            for usage in self._usages(request, normalise(account), increment=False)
            if usage["count"] >= usage["limit"]
        ]
        return max(waits, default=0)

    def count(self, request, account=None):
        """Count one more try, for the account (if any) and for the client."""
        self._usages(request, normalise(account), increment=True)


def normalise(account):
    return str(account).strip().lower() if account else ""


# The limits. Per client they are higher: a workshop room shares one address.
SIGN_IN = Throttle("sign-in", per_account="10/15m", per_client="50/15m")  # failures
REGISTRATION = Throttle("registration", per_account="3/h", per_client="60/h")
PASSWORD_RESET = Throttle("password-reset", per_account="3/h", per_client="30/h")
CONFIRMATION_LINK = Throttle("confirmation-link", per_account="3/h", per_client="30/h")
CERTIFICATE_CODES = Throttle("certificate-codes", per_account="30/h", per_client="30/h")  # misses
JOIN_CODES = Throttle("join-codes", per_account="20/h", per_client="100/h")  # wrong codes


def message(seconds):
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts. Try again in %(minutes)d minute.",
        "Too many attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def too_many(response, seconds):
    """Make `response` (the page, with the message on it) a 429 that says when to retry."""
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


# Sign-in -------------------------------------------------------------------------------


class ThrottledSignInMixin:
    """For an AuthenticationForm: refuse a locked account or client before the password is
    checked, and count each failure."""

    throttle_wait = 0

    def clean(self):
        account = self.cleaned_data.get("username")
        self.throttle_wait = SIGN_IN.wait(self.request, account)
        if self.throttle_wait:
            raise ValidationError(message(self.throttle_wait), code=THROTTLED)
        try:
            return super().clean()
        except ValidationError:
            SIGN_IN.count(self.request, account)
            raise


class ThrottledSignInViewMixin:
    """For a LoginView whose form is throttled: answer 429 when the form was refused."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", THROTTLED):
            return too_many(response, form.throttle_wait)
        return response


class AdminLoginForm(ThrottledSignInMixin, LoginForm):
    pass


class AdminLoginView(ThrottledSignInViewMixin, LoginView):
    """Wagtail's admin sign-in, with the learners' limits (portal/urls.py)."""

    def get_form_class(self):
        return AdminLoginForm



# Password reset ------------------------------------------------------------------------


class ThrottledPasswordResetMixin:
    """For a PasswordResetView: each request sends mail, so each one counts."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if wait := PASSWORD_RESET.wait(self.request, email):
            form.add_error(None, message(wait))
            return too_many(self.form_invalid(form), wait)
        PASSWORD_RESET.count(self.request, email)
        return super().form_valid(form)


class AdminPasswordResetView(ThrottledPasswordResetMixin, PasswordResetView):
    """Wagtail's admin password reset, with the learners' limits (portal/urls.py)."""
