"""Learner account forms: registration, sign-in by email, profile, account deletion."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from courses.models import LearnerProfile

User = get_user_model()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["full_name", "organisation", "country", "preferred_language"]


class RegistrationForm(ProfileForm):
    """A new learner: their profile, an email address (also their sign-in name), a password."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=150,
        help_text=_("You sign in with it. We send a link to confirm it."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta(ProfileForm.Meta):
        fields = ["full_name", "email", "organisation", "country", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["country"].widget.attrs["autocomplete"] = "country-name"
        current = translation.get_language()
        if current in dict(settings.LANGUAGES):
            self.fields["preferred_language"].initial = current

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(username__iexact=email).exists() or (
            User.objects.filter(email__iexact=email).exists()
        )
        if taken:
            raise forms.ValidationError(
                _("An account with this email address exists. Sign in or reset its password.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("full_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, asking for the email address learners registered with."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        # Learners' usernames are their lower-cased email; staff keep their own usernames.
        return value.lower() if "@" in value else value


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
