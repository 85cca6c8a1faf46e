"""A trainer's view of one training session: each participant's progress, and its CSV.

Rows are built from four queries whatever the number of participants: the enrolments
with their accounts and profiles, the counted lessons they completed, their course
completions, and the session's invitations. The dashboard also says what changed in the
guidance the course teaches (courses/guidance_versions.py).
"""

import io
from dataclasses import dataclass, field

from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from courses.models.learning import CourseCompletion, Enrolment, LessonCompletion
from courses.tracking import profile_of
from courses.training_review import training_to_review
from foundation import spreadsheets


def display_name(user):
    if user is None:
        return ""
    profile = profile_of(user)
    return (profile.full_name if profile else "") or user.get_full_name() or user.get_username()


@dataclass
class ParticipantRow:
    enrolment: Enrolment
    name: str
    email: str
    organisation: str
    country: str
    lessons_done: int
    lessons_required: int
    checks_passed: int
    checks_total: int
    completion: CourseCompletion | None = None

    @property
    def user(self):
        return self.enrolment.user

    @property
    def last_activity_at(self):
        return self.enrolment.last_activity_at

    @property
    def completed(self):
        return self.completion is not None

    @property
    def recorded_by_trainer(self):
        return self.completed and self.completion.recorded_by_trainer

    @property
    def recorded_by_name(self):
        if not self.recorded_by_trainer:
            return ""
        return display_name(self.completion.recorded_by)


@dataclass
class Dashboard:
    training_session: object
    rows: list = field(default_factory=list)
    pending_invitations: list = field(default_factory=list)

    @property
    def participants(self):
        return len(self.rows)

    @property
    def completed(self):
        return sum(1 for row in self.rows if row.completed)

    @property
    def recorded_by_trainer(self):
        return sum(1 for row in self.rows if row.recorded_by_trainer)

    @cached_property
    def guidance_changes(self):
        """What changed in the guidance the course teaches since the course was published
        (the trainer may need to teach it differently)."""
        return training_to_review(self.training_session.course)

    @property
    def completion_rate(self):
        """Percentage of participants who completed the course (0 with no participants)."""
        return round(100 * self.completed / self.participants) if self.participants else 0


def build_dashboard(training_session):
    course = training_session.course
    counted = course.counted_lessons()
    counted_ids = {lesson.pk for lesson in counted}
    check_ids = {lesson.pk for lesson in counted if lesson.has_knowledge_check}
    enrolments = list(
        Enrolment.objects.filter(training_session=training_session).select_related(
            "user", "user__learner_profile"
        )
    )
    user_ids = [enrolment.user_id for enrolment in enrolments]
    done = {}
    for user_id, lesson_id in LessonCompletion.objects.filter(
        user_id__in=user_ids, lesson_id__in=counted_ids
    ).values_list("user_id", "lesson_id"):
        done.setdefault(user_id, set()).add(lesson_id)
    completions = {
        completion.user_id: completion
        for completion in CourseCompletion.objects.current()
        .filter(course=course, user_id__in=user_ids)
        .select_related("recorded_by", "recorded_by__learner_profile")
    }

    dashboard = Dashboard(training_session=training_session)
    for enrolment in enrolments:
        user = enrolment.user
        profile = profile_of(user)
        lessons = done.get(user.pk, set())
        dashboard.rows.append(
            ParticipantRow(
                enrolment=enrolment,
                name=display_name(user),
                email=user.email,
                organisation=profile.organisation if profile else "",
                country=profile.country if profile else "",
                lessons_done=len(lessons),
                lessons_required=len(counted_ids),
                checks_passed=len(lessons & check_ids),
                checks_total=len(check_ids),
                completion=completions.get(user.pk),
            )
        )
    dashboard.rows.sort(key=lambda row: (row.name.casefold(), row.email))
    joined = {row.email.lower() for row in dashboard.rows}
    dashboard.pending_invitations = [
        email
        for email in training_session.invitations.order_by("email").values_list("email", flat=True)
        if email.lower() not in joined
    ]
    return dashboard


def _when(value):
    return value.isoformat(timespec="minutes") if value else ""


def dashboard_csv(dashboard):
    """The dashboard as CSV text (UTF-8 with a byte-order mark, so Excel reads Arabic)."""
    output = io.StringIO()
    writer = spreadsheets.writer(output)
    writer.writerow(
        [
            _("Name"),
            _("Email address"),
            _("Organisation"),
            _("Country"),
            _("Lessons done"),
            _("Lessons required"),
            _("Knowledge checks passed"),
            _("Knowledge checks"),
            _("Completed"),
            _("Completed on"),
            _("How"),
            _("Recorded by"),
            _("Trainer's note"),
            _("Enrolled"),
            _("Last activity"),
        ]
    )
    for row in dashboard.rows:
        completion = row.completion
        writer.writerow(
            [
                row.name,
                row.email,
                row.organisation,
                row.country,
                row.lessons_done,
                row.lessons_required,
                row.checks_passed,
                row.checks_total,
                _("yes") if completion else _("no"),
                _when(completion.completed_at) if completion else "",
                completion.get_how_display() if completion else "",
                row.recorded_by_name,
                completion.note if completion else "",
                _when(row.enrolment.enrolled_at),
                _when(row.last_activity_at),
            ]
        )
    return "\ufeff" + output.getvalue()
