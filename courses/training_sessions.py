"""Training sessions: join codes, joining, invitations, and completions trainers record.

Join codes are eight characters of the certificates' alphabet in two groups (XXXX-XXXX):
40 random bits, forgiving to type (case, separators and the lookalikes I, L, O do not
matter), and a guess hits a session about once in a billion tries; the join page also
stops an account after a run of wrong codes (`courses.views.learning.join`).

Joining enrols the learner in the session's course. A learner takes a course once, so
they belong to at most one session of it: the first session they join is theirs, and
joining it again (two tabs, a retry) changes nothing.

A trainer may record the completion of participants who followed the course in an
in-person workshop. The record says who recorded it, when, and the trainer's note, and
is shown as trainer-recorded, never as self-completed. There is still one completion per
learner and course, whichever way it comes: the first record stands (its date, language
and certificate code are what the certificate says), and a later one, trainer's or the
learner's own, changes nothing. A participant who then finishes the lessons online keeps
the trainer-recorded completion; their lessons show on the dashboard as done. Both kinds
of write take the participant's enrolment row first, so they run one after the other.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from courses.certificates import new_code, normalise_code
from courses.guidance_versions import record_versions
from courses.models.learning import CompletionTally, CourseCompletion, Enrolment
from courses.models.training import TrainingSession, TrainingSessionInvitation
from courses.permissions import is_trainer
from courses.tracking import is_verified

JOIN_CODE_GROUPS = 2


def new_join_code():
    """A join code no session has yet (the unique constraint stays the backstop)."""
    while True:
        code = new_code(JOIN_CODE_GROUPS)
        if not TrainingSession.objects.filter(join_code=code).exists():
            return code


def normalise_join_code(text):
    return normalise_code(text, JOIN_CODE_GROUPS)


def training_sessions_of(user):
    """The sessions `user` leads: every trainer-side view looks sessions up through this."""
    if not is_trainer(user):
        return TrainingSession.objects.none()
    return TrainingSession.objects.filter(trainer=user)


def may_view_course(request, course):
    """Whether the request passes every view restriction of `course` (a group, a password
    or a sign-in): the course's title is shown, and it is offered for a session, only then."""
    return all(item.accept_request(request) for item in course.get_view_restrictions())


def courses_for_sessions(request):
    """The live courses a trainer may run a session of: those they may view."""
    from courses.models.pages import CoursePage

    courses = CoursePage.objects.live().order_by("path")
    return courses.filter(pk__in=[c.pk for c in courses if may_view_course(request, c)])


def find_by_code(text):
    code = normalise_join_code(text)
    if code is None:
        return None
    return (
        TrainingSession.objects.select_related("course", "trainer").filter(join_code=code).first()
    )


# Invitations -----------------------------------------------------------------------


def parse_addresses(text):
    """(addresses, invalid) from what a trainer typed: one per line, or comma-separated."""
    addresses, invalid = [], []
    for item in (text or "").replace(",", "\n").replace(";", "\n").split():
        email = item.strip().strip("<>").lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            invalid.append(item)
            continue
        if email not in addresses:
            addresses.append(email)
    return addresses, invalid


def set_invitations(training_session, addresses):
    """Make the invitation list `addresses`; return the addresses newly invited."""
    existing = set(training_session.invitations.values_list("email", flat=True))
    wanted = set(addresses)
    training_session.invitations.exclude(email__in=wanted).delete()
    added = [email for email in addresses if email not in existing]
    TrainingSessionInvitation.objects.bulk_create(
        [
            TrainingSessionInvitation(training_session=training_session, email=email)
            for email in added
        ],
        ignore_conflicts=True,
    )
    return added


def send_invitations(request, training_session, addresses):
    """One email to each address (nobody sees the others), in the session's language."""
    with translation.override(training_session.language):
        link = (
            request.build_absolute_uri(reverse("courses:join"))
            + f"?code={training_session.join_code}"
        )
        context = {
            "training_session": training_session,
            "course_title": training_session.course.title,
            "link": link,
        }
        subject = " ".join(
            render_to_string("courses/training/emails/invitation_subject.txt", context).split()
        )
        body = render_to_string("courses/training/emails/invitation_body.txt", context)
    for email in addresses:
        send_mail(subject, body, None, [email])


def is_invited(user, training_session):
    return (
        bool(user.email) and training_session.invitations.filter(email__iexact=user.email).exists()
    )


def pending_invitations(user):
    """Open sessions that invited `user`'s address and that they have not joined: only once
    the address is confirmed, since anyone can register an address that is not theirs."""
    if not user.is_authenticated or not user.email or not is_verified(user):
        return TrainingSession.objects.none()
    joined = Enrolment.objects.filter(user=user, training_session=OuterRef("pk"))
    return (
        TrainingSession.objects.filter(invitations__email__iexact=user.email, course__live=True)
        .exclude(access=TrainingSession.CLOSED)
        .exclude(Exists(joined))
        .select_related("course")
        .order_by("starts_on", "pk")
    )


# Joining ---------------------------------------------------------------------------


def why_not_join(request, training_session):
    """Why the signed-in user may not join `training_session` (a message for them), or None."""
    user = request.user
    course = training_session.course
    if training_session.access == TrainingSession.CLOSED or not course.live:
        return _("This training session no longer takes new participants.")
    # A course kept private (a view restriction) stays closed to those it keeps out,
    # as its own enrol button is.
    if not may_view_course(request, course):
        return _("This course is not open to your account.")
    if not is_verified(user):
        return _("Confirm your email address first: use the link we sent you.")
    if training_session.access == TrainingSession.INVITED and not is_invited(
        user, training_session
    ):
        return _(
            "This training session is only for the email addresses its trainer invited. "
            "Sign in with the address you were invited at, or ask your trainer to invite you."
        )
    return None


@dataclass
class JoinOutcome:
    enrolment: Enrolment
    joined_now: bool = False
    # The session of the same course the learner already belongs to, if not this one.
    other_training_session: TrainingSession | None = None


def join(user, training_session, language):
    """Put `user` in `training_session`, enrolling them in its course. Call `why_not_join` first."""
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user,
            course=training_session.course,
            defaults={"language": language, "training_session": training_session},
        )
        if created:
            return JoinOutcome(enrolment, joined_now=True)
        if enrolment.training_session_id is None:
            # Conditional, so two sessions joined at the same moment cannot both win.
            joined = Enrolment.objects.filter(
                pk=enrolment.pk, training_session__isnull=True
            ).update(training_session=training_session, last_activity_at=timezone.now())
            enrolment.refresh_from_db()
            if joined:
                return JoinOutcome(enrolment, joined_now=True)
        if enrolment.training_session_id == training_session.pk:
            return JoinOutcome(enrolment)
        return JoinOutcome(enrolment, other_training_session=enrolment.training_session)


# Completions recorded by the trainer -------------------------------------------------


@dataclass
class Recorded:
    recorded: list
    already: list


def record_completions(trainer, training_session, users, note):
    """Record that `users`, participants of `training_session`, completed its course in a workshop.

    Each participant in a transaction of their own that begins by taking their enrolment
    row, as every progress write does. Returns who was recorded now and who had a
    completion already (theirs or an earlier record); a user who is not a participant of
    this session is neither.
    """
    course = training_session.course
    with translation.override(training_session.language):
        title = course.title
    outcome = Recorded(recorded=[], already=[])
    for user in users:
        with transaction.atomic():
            now = timezone.now()
            taken = Enrolment.objects.filter(
                user=user, course=course, training_session=training_session
            ).update(training_session=training_session)
            if not taken:
                continue
            completion, created = CourseCompletion.objects.current().get_or_create(
                user=user,
                course=course,
                defaults={
                    "completed_at": now,
                    "language": training_session.language,
                    "course_title": title,
                    "certificate_code": new_code(),
                    "how": CourseCompletion.TRAINER,
                    "recorded_by": trainer,
                    "note": note,
                    "guidance_versions": record_versions(course),
                },
            )
            if created:
                CompletionTally.add_one(course, training_session.language, now)
                outcome.recorded.append(completion)
            else:
                outcome.already.append(completion)
    return outcome
