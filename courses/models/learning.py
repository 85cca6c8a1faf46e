"""What learners do: their profile, enrolments, completions and certificates.

Each fact a learner can create twice by accident (two tabs, a retried request) has a
unique constraint in the database, so there is at most one enrolment per course, one
completion per lesson and one completion per course, whatever arrives at the same time.
`courses.tracking` writes them.

Personal data hangs off the user and is deleted with it. What outlives an account is
anonymous: a count of completions per course, language and month, and the codes of
its certificates, marked withdrawn.

A course completion is either the learner's own (every counted lesson done online) or
recorded by the trainer of their training session (an in-person workshop), with who
recorded it and a note. Either way there is one per learner and course: whichever comes
first is the record, and the other one later changes nothing (`courses.training_sessions`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LearnerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    full_name = models.CharField(
        _("full name"), max_length=200, help_text=_("As it should appear on your certificates.")
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    email_verified_at = models.DateTimeField(_("email address confirmed"), null=True, blank=True)
    # Names the learner in learning records sent elsewhere (xAPI), instead of their email
    # address: random, so it says nothing about them and cannot be matched to an address.
    pseudonym = models.UUIDField(_("pseudonym"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("learner profile")

    def __str__(self):
        return self.full_name

    @property
    def email_verified(self):
        return self.email_verified_at is not None


def profile_of(user):
    """The learner profile of a signed-in user, or None (staff made in the admin have none)."""
    if not user.is_authenticated:
        return None
    try:
        return user.learner_profile
    except LearnerProfile.DoesNotExist:
        return None


class Enrolment(models.Model):
    """A learner taking a course. Every progress write locks this row first."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last lesson opened"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    training_session = models.ForeignKey(
        "courses.TrainingSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        verbose_name=_("training session"),
    )

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_enrolment_per_learner_and_course"
            )
        ]

    def __str__(self):
        return f"{self.user_id} in {self.course_id}"


class LessonCompletion(models.Model):
    MARKED, CHECK_PASSED = "marked", "check"
    HOW = [(MARKED, _("Marked complete")), (CHECK_PASSED, _("Knowledge check passed"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    how = models.CharField(_("how"), max_length=10, choices=HOW)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="one_completion_per_learner_and_lesson"
            )
        ]

    def __str__(self):
        return f"{self.user_id} completed {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submission of a knowledge check, passed or not: the learner's own history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    answers = models.JSONField(_("answers chosen"), default=list)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))

    class Meta:
        verbose_name = _("knowledge check attempt")
        indexes = [models.Index(fields=["user", "lesson", "-submitted_at"])]

    def __str__(self):
        return f"{self.user_id} on {self.lesson_id}: {self.score}%"


class CourseCompletionQuerySet(models.QuerySet):
    def current(self):
        """The certificates in force: not replaced by a recertification."""
        return self.filter(superseded_at__isnull=True)


class CourseCompletion(models.Model):
    """A course completed: recorded once, with its time, its language and a certificate code.

    A recertification (`courses.recertification`) issues a new one and marks this one
    superseded: it stays on record, and verifies as replaced, but it is no longer the
    learner's certificate for the course.
    """

    SELF, TRAINER = "self", "trainer"
    HOW = [(SELF, _("Completed online")), (TRAINER, _("Recorded by a trainer"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="completions",
    )
    course_title = models.CharField(
        _("course title"), max_length=255, help_text=_("In the language it was taken in.")
    )
    completed_at = models.DateTimeField(_("completed"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    certificate_code = models.CharField(_("certificate code"), max_length=19, unique=True)
    how = models.CharField(_("how"), max_length=10, choices=HOW, default=SELF)
    # Kept apart from `how`: a trainer-recorded completion stays one when the trainer's
    # account is deleted.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("trainer's note"), blank=True)
    # The versions of the guidance the course taught when it was completed:
    # [{"page": id, "revision": id, "published": "YYYY-MM-DD", "title": ..., "edition": ...}]
    # (courses/guidance_versions.py), so a certificate says which edition it attests.
    guidance_versions = models.JSONField(_("guidance versions covered"), default=list, blank=True)
    # Set when the certificate is issued from the course's validity period
    # (courses.credentials), so a later change of the period changes no certificate.
    valid_until = models.DateTimeField(_("certificate valid until"), null=True, blank=True)
    expiry_reminded_at = models.DateTimeField(_("expiry reminder sent"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("certificate withdrawn"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=255, blank=True)
    superseded_at = models.DateTimeField(_("replaced by a recertification"), null=True, blank=True)

    objects = CourseCompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("course completion")
        permissions = [
            ("view_completion_report", _("Can see the course completion reports and exports"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_certificate_per_learner_and_course",
            )
        ]

    def __str__(self):
        return self.certificate_code

    @property
    def title(self):
        """The course title in the reader's language while the course exists."""
        return self.course.title if self.course_id else self.course_title

    @property
    def recorded_by_trainer(self):
        return self.how == self.TRAINER

    @property
    def superseded(self):
        return self.superseded_at is not None


class CompletionTally(models.Model):
    """Anonymous completions per course, language and month. Survives account deletion."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="completion_tallies"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveIntegerField(_("completions"), default=0)

    class Meta:
        verbose_name = _("completion count")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "language", "month"], name="one_tally_per_course_language_month"
            )
        ]

    def __str__(self):
        return f"{self.course_id} {self.language} {self.month:%Y-%m}: {self.count}"

    @classmethod
    def add_one(cls, course, language, when):
        month = timezone.localdate(when).replace(day=1)
        tally, _created = cls.objects.get_or_create(course=course, language=language, month=month)
        cls.objects.filter(pk=tally.pk).update(count=F("count") + 1)


class WithdrawnCertificate(models.Model):
    """The code of a certificate whose holder deleted their account, and nothing else."""

    code = models.CharField(_("certificate code"), max_length=19, unique=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), default=timezone.now)

    class Meta:
        verbose_name = _("withdrawn certificate")

    def __str__(self):
        return self.code
