"""A learner's own data: all of it as JSON, and the deletion of the account.

Deleting the account deletes the user and, by cascade, the profile, enrolments, lesson
completions, knowledge-check attempts and course completions (with any trainer's note on
them), and the invitations to training sessions sent to the learner's address. What stays
is anonymous: `CompletionTally` (completions per course, language and month, counted when
they happened) and the codes of the certificates, marked withdrawn (`courses.signals`).
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import transaction
from django.utils import timezone

from courses.dashboard import display_name
from courses.models.learning import CourseCompletion, Enrolment, LessonCompletion, QuizAttempt
from courses.models.training import TrainerRoleRequest, TrainingSessionInvitation
from courses.tracking import profile_of

# 2: the pseudonym, training sessions, invitations and trainer-recorded completions.
# 3: requests for the trainer role.
FORMAT_VERSION = 3


def _when(value):
    return value.isoformat() if value else None


def _page(page):
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.full_url}


def _session(training_session):
    if training_session is None:
        return None
    return {
        "name": training_session.name,
        "course": _page(training_session.course),
        "starts_on": training_session.starts_on.isoformat(),
        "ends_on": training_session.ends_on.isoformat(),
        "trainer": display_name(training_session.trainer) or None,
    }


def export_learner_data(user):
    """Everything the portal holds about `user`, as JSON-ready data."""
    profile = profile_of(user)
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": _when(timezone.now()),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "profile": None
        if profile is None
        else {
            "full_name": profile.full_name,
            "organisation": profile.organisation,
            "country": profile.country,
            "preferred_language": profile.preferred_language,
            "email_verified_at": _when(profile.email_verified_at),
            # What stands for the learner in learning records sent elsewhere (xAPI).
            "pseudonym": str(profile.pseudonym),
        },
        "enrolments": [
            {
                "course": _page(item.course),
                "enrolled_at": _when(item.enrolled_at),
                "language": item.language,
                "last_lesson": _page(item.last_lesson),
                "last_activity_at": _when(item.last_activity_at),
                "training_session": _session(item.training_session),
            }
            for item in Enrolment.objects.filter(user=user)
            .select_related(
                "course", "last_lesson", "training_session__course", "training_session__trainer"
            )
            .order_by("enrolled_at")
        ],
        "lesson_completions": [
            {
                "lesson": _page(item.lesson),
                "completed_at": _when(item.completed_at),
                "language": item.language,
                "how": item.how,
                "score": item.score,
            }
            for item in LessonCompletion.objects.filter(user=user)
            .select_related("lesson")
            .order_by("completed_at")
        ],
        "knowledge_check_attempts": [
            {
                "lesson": _page(item.lesson),
                "submitted_at": _when(item.submitted_at),
                "language": item.language,
                "answers_chosen": item.answers,
                "score": item.score,
                "passed": item.passed,
            }
            for item in QuizAttempt.objects.filter(user=user)
            .select_related("lesson")
            .order_by("submitted_at")
        ],
        "course_completions": [
            {
                "course": _page(item.course),
                "course_title": item.course_title,
                "completed_at": _when(item.completed_at),
                "language": item.language,
                "certificate_code": item.certificate_code,
                "how": item.how,
                "recorded_by": display_name(item.recorded_by) or None,
                "note": item.note,
            }
            for item in CourseCompletion.objects.filter(user=user)
            .select_related("course", "recorded_by")
            .order_by("completed_at")
        ],
        "invitations": [
            {
                "training_session": _session(item.training_session),
                "invited_at": _when(item.invited_at),
            }
            for item in _invitations(user)
        ],
        "trainer_role_requests": [
            {
                "requested_at": _when(item.requested_at),
                "reason": item.reason,
                "language": item.language,
                "state": item.state,
                "decided_at": _when(item.decided_at),
                "message_from_the_editors": item.reply,
            }
            for item in TrainerRoleRequest.objects.filter(user=user).order_by("requested_at")
        ],
    }


def _invitations(user):
    if not user.email:
        return TrainingSessionInvitation.objects.none()
    return (
        TrainingSessionInvitation.objects.filter(email__iexact=user.email)
        .select_related("training_session__course", "training_session__trainer")
        .order_by("invited_at")
    )


@transaction.atomic
def delete_account(user):
    _invitations(user).delete()
    user.delete()


def privacy_notice_page():
    """The site's privacy notice (settings.PRIVACY_NOTICE_PAGE), or None while there is none."""
    page_type, fields = settings.PRIVACY_NOTICE_PAGE
    try:
        model = apps.get_model(page_type)
    except (LookupError, ValueError):
        return None
    try:
        return model.objects.live().public().filter(**fields).first()
    except FieldError:
        return None
