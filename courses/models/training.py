"""Training sessions ("cohorts"): a trainer's group of participants taking one course.

A cohort belongs to the trainer who created it and is seen only by them (and, as
figures, in the admin's completion reports). Participants join with the cohort's join
code, or from an invitation sent to their email address; joining enrols them in the
course, and their enrolment points at the cohort (`Enrolment.cohort`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    OPEN, INVITED, CLOSED = "code", "invited", "closed"
    ACCESS = [
        (OPEN, _("Anyone with the join code")),
        (INVITED, _("Only the invited email addresses")),
        (CLOSED, _("Nobody: joining is closed")),
    ]

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="cohorts",
        verbose_name=_("course"),
    )
    # A cohort outlives its trainer's account, for the completion reports; nobody sees
    # its participants on the training pages any more.
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="cohorts_led",
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
                condition=Q(ends_on__gte=F("starts_on")), name="cohort_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return self.name


class CohortInvitation(models.Model):
    """An email address a trainer invited to a cohort. Joining is by account, not by this."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"), max_length=254)
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "email"], name="one_invitation_per_address")
        ]

    def __str__(self):
        return self.email
