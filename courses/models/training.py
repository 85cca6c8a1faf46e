"""Training sessions: a trainer's group of participants taking one course.

A training session belongs to the trainer who created it and is seen only by them (and, as
figures, in the admin's completion reports). Participants join with the training session's join
code, or from an invitation sent to their email address; joining enrols them in the
course, and their enrolment points at the training session (`Enrolment.training_session`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrainingSession(models.Model):
    OPEN, INVITED, CLOSED = "code", "invited", "closed"
    ACCESS = [
        (OPEN, _("Anyone with the join code")),
        (INVITED, _("Only the invited email addresses")),
        (CLOSED, _("Nobody: joining is closed")),
    ]

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="training_sessions",
        verbose_name=_("course"),
    )
    # A training session outlives its trainer's account, for the completion reports; nobody sees
    # its participants on the training pages any more.
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="training_sessions_led",
        verbose_name=_("trainer"),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example: Amman workshop, March 2026.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    location = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("A town and venue, or “online”.")
    )
    language = models.CharField(
        _("language of the session"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Completions you record for participants are recorded in this language."),
    )
    access = models.CharField(_("who may join"), max_length=10, choices=ACCESS, default=OPEN)
    join_code = models.CharField(_("join code"), max_length=9, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="training_session_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name


class TrainingSessionInvitation(models.Model):
    """An email address a trainer invited to a training session.

    Joining is by account, not by this."""

    training_session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"), max_length=254)
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        constraints = [
            models.UniqueConstraint(
                fields=["training_session", "email"], name="one_invitation_per_address"
            )
        ]

    def __str__(self):
        return self.email


class TrainerRoleRequest(models.Model):
    """A learner asking to become a trainer; an editor approves or refuses it in the admin.

    At most one request per learner waits for a decision at a time (a database constraint,
    so two tabs cannot make two). Approval puts the learner in the Trainers group. Either
    way the learner is told by email, in the language they asked in (`courses.role_requests`).
    """

    PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
    STATES = [
        (PENDING, _("Waiting for a decision")),
        (APPROVED, _("Approved")),
        (REFUSED, _("Refused")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trainer_role_requests",
        verbose_name=_("requested by"),
    )
    reason = models.TextField(
        _("reason"),
        max_length=1000,
        help_text=_("Who you train, where and how often, and for which organisation."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=PENDING)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reply = models.TextField(
        _("message to the requester"),
        blank=True,
        help_text=_("Sent with the decision in the email, as you write it."),
    )

    class Meta:
        verbose_name = _("trainer role request")
        verbose_name_plural = _("trainer role requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state="pending"),
                name="one_pending_trainer_role_request_per_user",
            )
        ]

    def __str__(self):
        return self.user.email or self.user.get_username()

    @property
    def pending(self):
        return self.state == self.PENDING

    @property
    def requester_name(self):
        profile = getattr(self.user, "learner_profile", None)
        return (profile.full_name if profile else "") or self.user.get_full_name()
