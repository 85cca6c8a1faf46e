"""Forms of learner accounts (registration, sign-in, profile, deletion) and of training sessions."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from courses.models.learning import LearnerProfile
from courses.models.training import TrainerRoleRequest, TrainingSession
from foundation.throttles import ThrottledSignInMixin

User = get_user_model()


def mark_optional(form):
    """Say "(optional)" in the label of each field that may stay empty: not by colour alone."""
    for field in form.fields.values():
        if not field.required and field.label:
            field.label = _("%(label)s (optional)") % {"label": field.label}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["full_name", "organisation", "country", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


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
        # Whether the address has an account is not the form's to say (courses.views.accounts).
        return self.cleaned_data["email"].strip().lower()

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


class EmailAuthenticationForm(ThrottledSignInMixin, AuthenticationForm):
    """Django's sign-in form, asking for the email address learners registered with; a run
    of wrong passwords locks the account (and the client) for a while."""

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


# Training sessions ----------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TrainingSessionForm(forms.ModelForm):
    """A trainer's training session. The course is chosen once, when it is created, among
    those the trainer may view (`request`: theirs)."""

    invitations = forms.CharField(
        label=_("Invited email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "ltr", "spellcheck": "false"}),
        help_text=_(
            "One address per line (or separated by commas). New addresses receive an "
            "email with the join code."
        ),
    )
    new_code = forms.BooleanField(
        label=_("Give the session a new join code"),
        required=False,
        help_text=_("The old code stops working. Participants who joined stay."),
    )

    class Meta:
        model = TrainingSession
        fields = ["course", "name", "starts_on", "ends_on", "location", "language", "access"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        from courses.models.pages import CoursePage
        from courses.training_sessions import courses_for_sessions

        if self.instance.pk:  # shown, not chosen: the session's course whatever it is now
            self.fields["course"].queryset = CoursePage.objects.all()
        else:
            self.fields["course"].queryset = courses_for_sessions(request)
        self.fields["course"].empty_label = None
        if self.instance.pk:
            self.fields["course"].disabled = True
            self.fields["course"].help_text = _("The course of a session cannot change.")
            self.initial.setdefault(
                "invitations",
                "\n".join(
                    self.instance.invitations.order_by("email").values_list("email", flat=True)
                ),
            )
        else:
            del self.fields["new_code"]
            current = translation.get_language()
            if current in dict(settings.LANGUAGES):
                self.fields["language"].initial = current

    def clean_invitations(self):
        from courses.training_sessions import parse_addresses

        addresses, invalid = parse_addresses(self.cleaned_data["invitations"])
        if invalid:
            raise forms.ValidationError(
                _("These are not email addresses: %(addresses)s")
                % {"addresses": ", ".join(invalid)}
            )
        return addresses

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The session cannot end before it starts."))
        if cleaned.get("access") == TrainingSession.INVITED and not cleaned.get("invitations"):
            self.add_error(
                "invitations",
                _("Invite at least one address, or let anyone with the join code join."),
            )
        return cleaned


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=30,
        help_text=_("Eight letters and digits, as your trainer gave it: for example K7QM-2XWD."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "dir": "ltr",
                "autocapitalize": "characters",
            }
        ),
    )


class ParticipantsField(forms.MultipleChoiceField):
    """Offers the participants still to complete; accepts any participant of the session,
    so a form sent twice (a retry) is answered "already recorded", not with an error."""

    accepted = frozenset()

    def valid_value(self, value):
        return str(value) in self.accepted


class RecordCompletionForm(forms.Form):
    participants = ParticipantsField(
        label=_("Participants who completed the course in the session"),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What they took part in, for the record: for example, the two-day workshop in "
            "Amman, 3 and 4 March, all sessions attended."
        ),
    )

    def __init__(self, rows, *args, **kwargs):
        """`rows`: the dashboard rows of every participant of the session."""
        super().__init__(*args, **kwargs)
        self.users = {str(row.user.pk): row.user for row in rows}
        field = self.fields["participants"]
        field.accepted = frozenset(self.users)
        field.choices = [
            (str(row.user.pk), f"{row.name} ({row.email})") for row in rows if not row.completed
        ]

    def chosen_users(self):
        return [self.users[pk] for pk in self.cleaned_data["participants"]]


class TrainerRoleRequestForm(forms.ModelForm):
    class Meta:
        model = TrainerRoleRequest
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
        labels = {"reason": _("Why you need a trainer's account")}
